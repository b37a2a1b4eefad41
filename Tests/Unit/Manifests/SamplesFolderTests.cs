using Spiderpool.Silo.Manifests;
using Spiderpool.Silo.Samples;
using Xunit;

namespace Spiderpool.Tests.Unit.Manifests;

public sealed class SamplesFolderTests
{
    private static string Samples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Deploy", "samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Deploy/samples not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Load_RepositorySamples_ReadsEveryPoolReservedIpAndPod()
    {
        var manifests = SampleManifests.Load(Samples());

        Assert.Equal(["v4-blue", "v6-blue", "v4-tiny"], manifests.Pools.Select(p => p.Name));
        Assert.Equal(["10.20.1.10-10.20.1.20"], manifests.Pools[0].Spec.Ips);
        Assert.Equal(["10.20.1.15"], manifests.Pools[0].Spec.ExcludeIps);
        Assert.Equal(6, manifests.Pools[1].Spec.IpVersion);
        var reserved = Assert.Single(manifests.ReservedIps);
        Assert.Equal("keep-for-routers", reserved.Set.Name);
        Assert.Equal(["web-0", "tiny-0", "tiny-1", "tiny-2"], manifests.Pods.Select(p => p.Name));
        Assert.Equal("demo", manifests.Pods[0].Namespace);
        Assert.Equal("0b9d3c4e-0000-4000-8000-000000000001", manifests.Pods[0].Uid);
        Assert.Equal("""{"ipv4":["v4-blue"],"ipv6":["v6-blue"]}""", manifests.Pods[0].Annotations["ipam.spidernet.io/ippool"]);
    }

    [Fact]
    public void Load_FolderWithProblemsInTwoFiles_ReportsBothAndLoadsNothing()
    {
        var folder = Directory.CreateTempSubdirectory("manifests-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), "apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: a}\nspec: {subnet: 10.0.0.0/24, vlan: 3}\n");
            File.WriteAllText(Path.Combine(folder.FullName, "b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");

            var error = Assert.Throws<InvalidManifestException>(() => SampleManifests.Load(folder.FullName));

            Assert.Equal(
                [
                    $"{Path.Combine(folder.FullName, "a.yaml")}:4: document 1 (SpiderIPPool 'a'): spec.vlan was removed from SpiderIPPool in Spiderpool v1.0; remove it (an interface's VLAN is set in its SpiderMultusConfig or NetworkAttachmentDefinition)",
                    $"{Path.Combine(folder.FullName, "b.yaml")}:2: document 1 (ConfigMap 'b'): kind 'ConfigMap' is not one this folder reads; use SpiderIPPool, SpiderReservedIP or Pod",
                ],
                error.Problems);
            Assert.Equal(string.Join(Environment.NewLine, error.Problems), error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
