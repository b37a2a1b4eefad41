using System.Net;
using Spiderpool.Grains.Allocation;
using Spiderpool.Silo.Sqlite;

namespace Spiderpool.Silo.Hosting;

/// <summary>Checks the host settings before anything starts; every message names the setting to fix.</summary>
public static class SpiderpoolSiloOptionsValidator
{
    public static IReadOnlyList<string> Validate(SpiderpoolSiloOptions options, AllocatorOptions allocation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(allocation);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Storage))
        {
            errors.Add($"Spiderpool:Storage must be Embedded, Volatile or Postgres, not '{options.Storage}'");
        }

        if (options.Storage == StorageMode.Postgres && string.IsNullOrWhiteSpace(options.Postgres.ConnectionString))
        {
            errors.Add("Spiderpool:Postgres:ConnectionString is empty but Spiderpool:Storage is Postgres; set it (environment Spiderpool__Postgres__ConnectionString), e.g. 'Host=127.0.0.1;Port=5432;Username=spiderpool;Password=...;Database=spiderpool'");
        }

        // Creates the directory when missing: the check is whether this process can keep its state there.
        if (options.Storage == StorageMode.Embedded && SqliteSettings.FindProblem(options.DataDirectory, out _) is { } dataDirectoryProblem)
        {
            errors.Add(dataDirectoryProblem);
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add("Spiderpool:ClusterId is empty; every silo and NodeHost of one cluster must use the same non-empty id");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("Spiderpool:ServiceId is empty; it keys stored state and must stay the same across restarts");
        }

        foreach (var (name, port) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"Spiderpool:{name} must be a TCP port between 1 and 65535, not {port}");
            }
        }

        if (options.SiloPort == options.GatewayPort)
        {
            errors.Add($"Spiderpool:SiloPort and Spiderpool:GatewayPort are both {options.SiloPort}; they must differ");
        }

        if (!string.IsNullOrEmpty(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            errors.Add($"Spiderpool:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address");
        }

        if (!string.IsNullOrEmpty(options.ManifestsDirectory) && !Directory.Exists(options.ManifestsDirectory))
        {
            errors.Add($"Spiderpool:ManifestsDirectory '{options.ManifestsDirectory}' does not exist");
        }

        if (allocation.RequestDeadline <= TimeSpan.Zero)
        {
            errors.Add($"{AllocatorOptions.Section}:RequestDeadline must be positive, not {allocation.RequestDeadline}");
        }

        if (allocation.SweepGrace <= allocation.RequestDeadline)
        {
            errors.Add($"{AllocatorOptions.Section}:SweepGrace ({allocation.SweepGrace}) must be longer than RequestDeadline ({allocation.RequestDeadline}), or the sweep could free an address that is about to be recorded");
        }

        if (allocation.SweepInterval < TimeSpan.Zero)
        {
            errors.Add($"{AllocatorOptions.Section}:SweepInterval must be zero (off) or positive, not {allocation.SweepInterval}");
        }

        if (allocation.PoolRetries is < 0 or > 10)
        {
            errors.Add($"{AllocatorOptions.Section}:PoolRetries must be between 0 and 10, not {allocation.PoolRetries}");
        }

        return errors;
    }
}
