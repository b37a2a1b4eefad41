using Xunit;

namespace Spiderpool.Tests.Unit.Manifests;

public sealed class ManifestProblemTests
{
    private const string Head = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: v4-node1

        """;

    [Fact]
    public void Read_MisspeltSelectorField_NamesFileLineDocumentObjectAndFieldPath()
    {
        var manifests = ManifestText.Read("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata: {name: a}
            spec: {subnet: 10.0.0.0/24}
            ---
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: v4-node1
            spec:
              subnet: 10.20.0.0/16
              nodeAffinity:
                matchLabelz:
                  kubernetes.io/hostname: worker-1
            """, out var problems);

        Assert.Equal(["a"], manifests.Pools.Select(p => p.Name));
        Assert.Equal(
            ["pools.yaml:13: document 2 (SpiderIPPool 'v4-node1'): unknown field spec.nodeAffinity.matchLabelz (did you mean matchLabels?); spec.nodeAffinity has matchLabels, matchExpressions"],
            problems);
    }

    [Fact]
    public void Read_UnknownTopLevelField_ListsTheTopLevelFields()
    {
        var problem = ManifestText.SingleProblem(Head + "spec: {subnet: 10.0.0.0/24}\nspecs: {}\n");

        Assert.Equal(
            "pools.yaml:6: document 1 (SpiderIPPool 'v4-node1'): unknown field specs (did you mean spec?); the top level has apiVersion, kind, metadata, spec, status",
            problem);
    }

    [Fact]
    public void Read_NumberWhereAStringIsExpected_NamesTheFieldAndValueAndSaysToQuoteIt()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  subnet: 10.0.0.0/24\n  nodeName:\n    - worker-1\n    - 1234\n");

        Assert.Equal(
            "pools.yaml:9: document 1 (SpiderIPPool 'v4-node1'): spec.nodeName[1] must be a string, not the number 1234; quote it (\"1234\")",
            problem);
    }

    [Fact]
    public void Read_StringWhereAnIntegerIsExpected_NamesTheFieldAndValue()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  ipVersion: four\n  subnet: 10.0.0.0/24\n");

        Assert.Equal("pools.yaml:6: document 1 (SpiderIPPool 'v4-node1'): spec.ipVersion must be an integer, not the string \"four\"", problem);
    }

    [Fact]
    public void Read_ScalarWhereAListIsExpected_NamesTheFieldAndValue()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  subnet: 10.0.0.0/24\n  nodeName: worker-1\n");

        Assert.Equal("pools.yaml:7: document 1 (SpiderIPPool 'v4-node1'): spec.nodeName must be a list, not the string \"worker-1\"", problem);
    }

    [Fact]
    public void Read_QuotedBoolean_IsAStringAndRejectedForABooleanField()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  subnet: 10.0.0.0/24\n  disable: \"true\"\n");

        Assert.Equal("pools.yaml:7: document 1 (SpiderIPPool 'v4-node1'): spec.disable must be true or false, not the string \"true\"", problem);
    }

    [Fact]
    public void Read_IpVersionOutsideTheEnum_IsRejected()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  ipVersion: 5\n  subnet: 10.0.0.0/24\n");

        Assert.Equal("pools.yaml:6: document 1 (SpiderIPPool 'v4-node1'): spec.ipVersion must be 4 or 6, not 5", problem);
    }

    [Fact]
    public void Read_VlanRemovedUpstream_IsRefusedWithTheReason()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  subnet: 10.0.0.0/24\n  vlan: 100\n");

        Assert.Equal(
            "pools.yaml:7: document 1 (SpiderIPPool 'v4-node1'): spec.vlan was removed from SpiderIPPool in Spiderpool v1.0; remove it (an interface's VLAN is set in its SpiderMultusConfig or NetworkAttachmentDefinition)",
            problem);
    }

    [Fact]
    public void Read_SpiderSubnetOwnerLabel_IsRefusedAsNotSupportedYet()
    {
        var problem = ManifestText.SingleProblem(Head + "  labels:\n    ipam.spidernet.io/owner-spider-subnet: net1\nspec: {subnet: 10.0.0.0/24}\n");

        Assert.Equal(
            "pools.yaml:6: document 1 (SpiderIPPool 'v4-node1'): metadata.labels[\"ipam.spidernet.io/owner-spider-subnet\"] marks a pool of a SpiderSubnet, which is not supported yet; remove it",
            problem);
    }

    [Fact]
    public void Read_ExportedObjectWithServerFieldsAndStatus_ReportsEachOne()
    {
        ManifestText.Read(
            Head + "  namespace: default\n  uid: 6f1c\nspec: {subnet: 10.0.0.0/24}\nstatus: {allocatedIPCount: 0}\n",
            out var problems);

        Assert.Equal(
            [
                "pools.yaml:5: document 1 (SpiderIPPool 'v4-node1'): metadata.namespace is not allowed: the kind is cluster-scoped; remove it",
                "pools.yaml:6: document 1 (SpiderIPPool 'v4-node1'): metadata.uid is set by the API server, not by a manifest; remove it",
                "pools.yaml:8: document 1 (SpiderIPPool 'v4-node1'): status is written by Spiderpool, not applied from a manifest; remove it",
            ],
            problems);
    }

    [Fact]
    public void Read_MissingRequiredFields_NamesEachOne()
    {
        ManifestText.Read(
            "kind: SpiderIPPool\nmetadata: {labels: {a: b}}\nspec:\n  routes:\n    - dst: 10.30.0.0/16\n",
            out var problems);

        Assert.Equal(
            [
                "pools.yaml:5: document 1 (SpiderIPPool without metadata.name): spec.routes[0].gw is required",
                "pools.yaml:3: document 1 (SpiderIPPool without metadata.name): spec.subnet is required",
                "pools.yaml:1: document 1 (SpiderIPPool without metadata.name): apiVersion is missing; use spiderpool.spidernet.io/v2beta1",
                "pools.yaml:2: document 1 (SpiderIPPool without metadata.name): metadata.name is required",
            ],
            problems);
    }

    [Fact]
    public void Read_WrongApiVersion_SaysWhichToUse()
    {
        var problem = ManifestText.SingleProblem("apiVersion: spiderpool.spidernet.io/v2beta2\nkind: SpiderIPPool\nmetadata: {name: p}\nspec: {subnet: 10.0.0.0/24}\n");

        Assert.Equal("pools.yaml:1: document 1 (SpiderIPPool 'p'): apiVersion 'spiderpool.spidernet.io/v2beta2' is not supported; use spiderpool.spidernet.io/v2beta1", problem);
    }

    [Fact]
    public void Read_SamePoolNameTwice_PointsAtTheFirstDefinition()
    {
        var pool = "apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: p}\nspec: {subnet: 10.0.0.0/24}\n";

        var manifests = ManifestText.Read(pool + "---\n" + pool, out var problems);

        Assert.Single(manifests.Pools);
        Assert.Equal(["pools.yaml:8: document 2 (SpiderIPPool 'p'): SpiderIPPool 'p' is already defined at pools.yaml:1: document 1; rename or remove one"], problems);
    }

    [Fact]
    public void Read_SpiderSubnet_IsRefusedAsNotSupportedYet()
    {
        var problem = ManifestText.SingleProblem("apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderSubnet\nmetadata: {name: net1}\nspec: {subnet: 10.0.0.0/16}\n");

        Assert.Equal("pools.yaml:2: document 1 (SpiderSubnet 'net1'): SpiderSubnet is not supported yet; give each SpiderIPPool its own subnet, gateway and routes", problem);
    }

    [Fact]
    public void Read_DuplicateKey_IsAnErrorOnItsLine()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  subnet: 10.0.0.0/24\n  subnet: 10.0.1.0/24\n");

        Assert.Equal("pools.yaml:7: not valid YAML: Duplicate key subnet", problem);
    }

    [Fact]
    public void Read_BrokenYaml_NamesTheFileAndLine()
    {
        var problem = ManifestText.SingleProblem(Head + "spec:\n  subnet: [10.0.0.0/24\n");

        Assert.StartsWith("pools.yaml:", problem, StringComparison.Ordinal);
        Assert.Contains(": not valid YAML: ", problem, StringComparison.Ordinal);
    }
}
