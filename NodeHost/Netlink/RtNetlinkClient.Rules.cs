using System.Net.Sockets;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Rules;

namespace Spiderpool.Netlink;

/// <summary>Policy routing rule operations (RTM_*RULE).</summary>
public sealed partial class RtNetlinkClient
{
    /// <summary>Adds the rule; EEXIST if an identical rule exists (NLM_F_EXCL).</summary>
    public void AddRule(RuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            RuleRequests.New(_builder, spec);
            AcknowledgeOrThrow($"RTM_NEWRULE {spec}");
        }
    }

    /// <summary>Deletes the first rule matching every selector set. Returns false if none matched (ENOENT).</summary>
    public bool DeleteRule(RuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            RuleRequests.Delete(_builder, spec);
            var ack = Acknowledge();
            if (ack.Errno == Errno.ENOENT)
            {
                return false;
            }

            if (!ack.IsSuccess)
            {
                ThrowFailed(ack, $"RTM_DELRULE {spec}");
            }

            return true;
        }
    }

    public IReadOnlyList<Rule> ListRules(AddressFamily family)
    {
        var kernelFamily = AddressFamilies.ToKernel(family);
        lock (_gate)
        {
            ThrowIfDisposed();
            RuleRequests.Dump(_builder, kernelFamily);
            return Dump(RuleDecoder.Decode, null, "RTM_GETRULE dump");
        }
    }

    private static void Validate(RuleSpec spec)
    {
        if (spec.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"rule family {spec.Family} is not IPv4 or IPv6", nameof(spec));
        }

        AddressFamilies.RequireFamily(spec.From?.BaseAddress, spec.Family, "rule source (from)");
        AddressFamilies.RequireFamily(spec.To?.BaseAddress, spec.Family, "rule destination (to)");
    }
}
