using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>
/// Source-generated System.Text.Json metadata for the whole contract, so the Native AOT plugin and NodeHost read
/// and write it without reflection. Absent <c>required</c> properties and nulls in non-nullable ones are rejected
/// on read; null optional properties are left out on write.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IpamAddArgs))]
[JsonSerializable(typeof(IpamAddResponse))]
[JsonSerializable(typeof(IpamDelArgs))]
[JsonSerializable(typeof(IpamBatchDelArgs))]
[JsonSerializable(typeof(WorkloadEndpointStatus))]
[JsonSerializable(typeof(IpamGcArgs))]
[JsonSerializable(typeof(IpamGcResponse))]
[JsonSerializable(typeof(AgentError))]
[JsonSerializable(typeof(string))]
public sealed partial class CniContractJsonContext : JsonSerializerContext;
