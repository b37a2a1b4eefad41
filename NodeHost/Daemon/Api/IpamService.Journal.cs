using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.NodeHost.Api;

/// <summary>
/// The DEL journal (<see cref="DelJournal"/>): a DEL the cluster cannot take now is recorded on the node and answered
/// success, because podman and ctr never retry a DEL; the entries are released at start (before any ADD is served),
/// every <see cref="Hosting.NodeHostOptions.DelJournalRescanInterval"/>, and before an ADD of the same container and
/// interface, so that ADD always comes after the DEL the runtime sent first.
/// </summary>
internal sealed partial class IpamService
{
    private readonly TaskCompletionSource replayedAtStart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim journalLock = new(1, 1);

    private string JournalDirectory => Settings.DelJournalDirectory;

    public void Dispose() => journalLock.Dispose();

    /// <summary>Completes once every DEL recorded before this start has been released.</summary>
    public Task ReplayedAtStart => replayedAtStart.Task;

    /// <summary>Releases every recorded DEL the cluster takes now; returns how many are still waiting.</summary>
    public async Task<int> ReplayJournalAsync(CancellationToken cancellationToken)
    {
        await journalLock.WaitAsync(cancellationToken);
        try
        {
            var waiting = 0;
            foreach (var path in DelJournal.Pending(JournalDirectory))
            {
                if (!await ReplayEntryAsync(path, cancellationToken))
                {
                    waiting++;
                }
            }

            if (waiting == 0)
            {
                replayedAtStart.TrySetResult();
            }

            return waiting;
        }
        finally
        {
            journalLock.Release();
        }
    }

    /// <summary>
    /// Before an ADD: null when it may go ahead, else why not. An ADD waits for the start's replay, and a DEL recorded
    /// for the same container and interface (a restarted container keeps its id) is released first.
    /// </summary>
    private async Task<IpamOutcome?> SettleJournalAsync(string containerId, string ifName, CancellationToken cancellationToken)
    {
        if (!replayedAtStart.Task.IsCompleted)
        {
            return IpamOutcome.Unavailable($"NodeHost is still releasing the DELs recorded in {JournalDirectory} while it or the cluster was down; retry");
        }

        var path = DelJournal.EntryPath(JournalDirectory, containerId, ifName);
        if (!File.Exists(path))
        {
            return null;
        }

        await journalLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(path) && !await ReplayEntryAsync(path, cancellationToken))
            {
                return IpamOutcome.Unavailable($"the DEL of container {containerId} interface {ifName} recorded in {path} must be released before this ADD, and the cluster did not take it yet; retry");
            }
        }
        finally
        {
            journalLock.Release();
        }

        return null;
    }

    /// <summary>Records a DEL the cluster could not take and answers success; if even that fails, the original "try again later".</summary>
    private IpamOutcome Journal(IpamDelArgs args, IpamOutcome undelivered)
    {
        try
        {
            var path = DelJournal.Write(JournalDirectory, args.ContainerId, args.IfName, JsonSerializer.SerializeToUtf8Bytes(args, CniContractJsonContext.Default.IpamDelArgs));
            LogJournalled(args.ContainerId, args.IfName, path, undelivered.Message);
            return IpamOutcome.Success();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return IpamOutcome.Unavailable($"{undelivered.Message}; recording the DEL in {JournalDirectory} failed too: {ex.Message}");
        }
    }

    /// <summary>True when the entry is done with (released, nothing held, or unusable and set aside); false to retry later.</summary>
    private async Task<bool> ReplayEntryAsync(string path, CancellationToken cancellationToken)
    {
        IpamDelArgs? args;
        try
        {
            args = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken), CniContractJsonContext.Default.IpamDelArgs);
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return SetAside(path, $"it cannot be read: {ex.Message}");
        }

        if (args is null)
        {
            return SetAside(path, "it is JSON null");
        }

        var outcome = await ReleaseNowAsync(args, cancellationToken);
        if (outcome.Succeeded || outcome.Code == CniErrorCode.NotAllocated)
        {
            DelJournal.Remove(path);
            LogReplayed(args.ContainerId, args.IfName);
            return true;
        }

        if (outcome.Code == CniErrorCode.TryAgainLater)
        {
            LogReplayDeferred(args.ContainerId, args.IfName, outcome.Message);
            return false;
        }

        return SetAside(path, outcome.Message);
    }

    /// <summary>An entry that can never be released (unreadable, refused as invalid) is renamed out of the way and reported.</summary>
    private bool SetAside(string path, string why)
    {
        var aside = path + ".rejected";
        File.Move(path, aside, overwrite: true);
        LogSetAside(path, aside, why);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DEL of container {ContainerId} interface {IfName} recorded in {Path}, to be released when the cluster answers: {Reason}")]
    private partial void LogJournalled(string containerId, string ifName, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the recorded DEL of container {ContainerId} interface {IfName}")]
    private partial void LogReplayed(string containerId, string ifName);

    [LoggerMessage(Level = LogLevel.Information, Message = "The recorded DEL of container {ContainerId} interface {IfName} waits: {Reason}")]
    private partial void LogReplayDeferred(string containerId, string ifName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recorded DEL {Path} can never be released ({Reason}); moved to {Aside}: release its addresses by hand if it held any")]
    private partial void LogSetAside(string path, string aside, string reason);
}
