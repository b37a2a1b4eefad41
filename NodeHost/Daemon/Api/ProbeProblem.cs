using Spiderpool.Cni.Contract;

namespace Spiderpool.NodeHost.Api;

/// <summary>Why a post-allocation check failed, with the CNI code the plugin reports.</summary>
internal sealed record ProbeProblem(CniErrorCode Code, string Message, Grains.Interfaces.Workloads.NicAddress? Address = null);
