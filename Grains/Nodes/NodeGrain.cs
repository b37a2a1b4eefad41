using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Spiderpool.Grains.Interfaces.Nodes;
using Spiderpool.Grains.Interfaces.Storage;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Grains.Nodes;

/// <summary>
/// A node: registration (stored) and liveness (from heartbeats, kept in memory: a node is "reporting" only while its
/// NodeHost talks to this activation).
/// </summary>
[Reentrant]
internal sealed partial class NodeGrain(
    [PersistentState("node", StorageNames.GrainState)] IPersistentState<NodeState> state,
    [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time,
    ILogger<NodeGrain> logger) : Grain, INodeGrain
{
    private GroupCommit? commits;
    private INodeObserver? observer;
    private DateTimeOffset? lastSeen;
    private string name = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        name = this.GetPrimaryKeyString();
        commits = new GroupCommit(() => state.WriteStateAsync(), OnWriteFailed, ex =>
            StorageUnavailableException.From($"node '{name}': writing its state failed; retry", ex));
        return Task.CompletedTask;
    }

    public async Task RegisterAsync(NodeRegistration registration, INodeObserver? nodeObserver)
    {
        ArgumentNullException.ThrowIfNull(registration);
        observer = nodeObserver;
        lastSeen = time.GetUtcNow();
        if (state.State.Registration != registration)
        {
            state.State.Registration = registration;
            await commits!.CommitAsync();
        }

        LogRegistered(name, registration.PluginVersion);
    }

    public Task<bool> HeartbeatAsync()
    {
        lastSeen = time.GetUtcNow();
        return Task.FromResult(observer is not null);
    }

    public Task<NodeStatus> GetStatusAsync()
    {
        var registration = state.State.Registration;
        var silentAfter = 3 * (registration?.HeartbeatInterval ?? TimeSpan.FromSeconds(10));
        return Task.FromResult(new NodeStatus
        {
            Name = name,
            Registration = registration,
            LastSeen = lastSeen,
            Reporting = lastSeen is { } seen && time.GetUtcNow() - seen <= silentAfter,
        });
    }

    public async Task<bool?> ProbeAttachmentAsync(NodeAttachment attachment)
    {
        if (observer is null)
        {
            return null;
        }

        try
        {
            return await observer.AttachmentExistsAsync(attachment);
        }
        catch (Exception ex)
        {
            LogObserverFailed(name, ex.Message);
            observer = null;
            return null;
        }
    }

    private void OnWriteFailed(Exception ex)
    {
        LogWriteFailed(name, ex);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} registered (plugin {PluginVersion})")]
    private partial void LogRegistered(string node, string pluginVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: its NodeHost did not answer a call back: {Error}")]
    private partial void LogObserverFailed(string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: writing state failed; deactivating")]
    private partial void LogWriteFailed(string node, Exception exception);
}
