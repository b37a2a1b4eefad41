namespace Spiderpool.Cni.Contract;

/// <summary>Placeholder so the project builds until the contract lands in this session.</summary>
internal static class AssemblyMarker;
