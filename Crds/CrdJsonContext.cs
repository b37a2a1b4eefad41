using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>
/// Source-generated (de)serialisation of the CRD types. It skips unknown members, as a client of a newer API server
/// must; readers that must be strict (the manifests folder) check the document against these types first.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpiderIPPool))]
[JsonSerializable(typeof(SpiderReservedIP))]
public sealed partial class CrdJsonContext : JsonSerializerContext;
