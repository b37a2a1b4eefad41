using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Rules;
using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

public class RuleTests
{
    [Fact]
    public async Task PolicyRules_AreAddedListedAndDeletedTwice()
    {
        await using var ns = await TestNamespace.CreateAsync("rule");
        var nl = ns.Netlink;
        var fromPod = new RuleSpec(AddressFamily.InterNetwork) { From = IPNetwork.Parse("10.60.0.5/32"), Table = 1000, Priority = 100 };
        var toService = new RuleSpec(AddressFamily.InterNetwork) { To = IPNetwork.Parse("10.96.0.0/12"), Table = 100, Priority = 99 };
        var fromPod6 = new RuleSpec(AddressFamily.InterNetworkV6) { From = IPNetwork.Parse("fd00:60::5/128"), Table = 1000, Priority = 100, InputInterface = "lo" };

        nl.AddRule(fromPod);
        nl.AddRule(toService);
        nl.AddRule(fromPod6);

        var rules = nl.ListRules(AddressFamily.InterNetwork);
        var ours = Assert.Single(rules, r => r.Priority == 100);
        Assert.Equal(fromPod.From, ours.From);
        Assert.Equal(1000u, ours.Table);
        Assert.Equal(RuleAction.ToTable, ours.Action);
        Assert.Equal(IPNetwork.Parse("10.96.0.0/12"), Assert.Single(rules, r => r.Priority == 99).To);
        Assert.Contains(rules, r => r.Table == 254 && r.Priority == 32766); // the kernel's main rule
        var v6 = Assert.Single(nl.ListRules(AddressFamily.InterNetworkV6), r => r.Priority == 100);
        Assert.Equal("lo", v6.InputInterface);

        var ip = IpCommand.Json(ns.Name, "rule show").Items().ToList();
        Assert.Contains(ip, r => r.Number("priority") == 100 && r.Text("src") == "10.60.0.5" && r.Text("table") == "1000");
        Assert.Contains(ip, r => r.Number("priority") == 99 && r.Text("dst") == "10.96.0.0" && r.Number("dstlen") == 12);

        Assert.Equal("EEXIST", Assert.Throws<NetlinkException>(() => nl.AddRule(fromPod)).ErrnoName);

        foreach (var rule in new[] { fromPod, toService, fromPod6 })
        {
            Assert.True(nl.DeleteRule(rule));
            Assert.False(nl.DeleteRule(rule));
        }

        Assert.DoesNotContain(nl.ListRules(AddressFamily.InterNetwork), r => r.Priority is 99 or 100);
    }
}
