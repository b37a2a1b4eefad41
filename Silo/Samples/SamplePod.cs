namespace Spiderpool.Silo.Samples;

public sealed record SamplePod(string Namespace, string Name, string Uid, IReadOnlyDictionary<string, string> Annotations);
