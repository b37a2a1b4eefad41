using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>The selection input crosses grain boundaries; a round trip through Orleans' serializer must keep every field.</summary>
public sealed class SelectionSerializationTests
{
    private static readonly Serializer Serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    // Records holding collections compare them by reference, so compare their JSON.
    private static void AssertSurvives<T>(T value) => Assert.Equal(JsonSerializer.Serialize(value), JsonSerializer.Serialize(RoundTrip(value)));

    [Fact]
    public void PodContext_SurvivesARoundTrip()
    {
        AssertSurvives(SelectionFixture.Pod(
            annotations: new() { ["ipam.spidernet.io/ippool"] = """{"ipv4":["a"]}""" },
            ipam: new CniIpamConfig { DefaultIpv4IpPool = ["x"], DefaultIpv6IpPool = ["y"], CleanGateway = true, MatchMasterSubnet = true })
            with
        { StatefulSetReplicas = 3, StatefulSetOrdinalsStart = 2, Network = "kube-system/macvlan" });
    }

    [Fact]
    public void DefaultRecords_SurviveARoundTrip()
    {
        AssertSurvives(new PodContext());
        AssertSurvives(new PoolIndexEntry());
        AssertSurvives(new TopController { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web", Uid = "u" });
    }

    [Fact]
    public void PoolIndexEntry_SurvivesARoundTrip() =>
        AssertSurvives(new PoolIndexEntry
        {
            Name = "p",
            Family = IpFamily.V6,
            Terminating = true,
            Disable = true,
            Default = true,
            PodAffinity = new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
                MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["a", "b"] }],
            },
            NamespaceAffinity = new LabelSelector(),
            NamespaceName = ["demo"],
            NodeName = ["worker-1"],
            MultusName = ["kube-system/macvlan"],
            Labels = new Dictionary<string, string> { ["ipam.spidernet.io/owner-application-name"] = "web" },
        });

    [Fact]
    public void SelectionSettings_KeepFalseFlags_WhoseDefaultIsTrue()
    {
        var settings = new SelectionSettings
        {
            EnableIpv4 = false,
            EnableIpv6 = false,
            EnableStatefulSet = false,
            EnableKubevirtStaticIp = false,
            EnableSpiderSubnet = false,
            EnableAutoPoolForApplication = false,
            InstallNamespace = "spiderpool",
            MultusClusterNetwork = "kube-system/calico",
        };

        Assert.Equal(settings, RoundTrip(settings));
    }
}
