using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Workloads;

/// <summary>Stored state of a workload grain: one small record per pod, written through Orleans grain storage.</summary>
[GenerateSerializer, Alias("spiderpool.WorkloadState")]
public sealed class WorkloadState
{
    [Id(0)] public WorkloadRecord? Record { get; set; }
}
