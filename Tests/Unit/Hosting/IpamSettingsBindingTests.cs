using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spiderpool.Grains.Interfaces.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Hosting;

public sealed class IpamSettingsBindingTests
{
    [Fact]
    public void Defaults_AreSpiderpoolsHelmDefaults()
    {
        var settings = Bind([]);

        Assert.Equal(new SelectionSettings
        {
            EnableIpv4 = true,
            EnableIpv6 = true,
            EnableStatefulSet = true,
            EnableKubevirtStaticIp = true,
            EnableSpiderSubnet = true,
            EnableAutoPoolForApplication = true,
            InstallNamespace = "kube-system",
            MultusClusterNetwork = "",
        }, settings);
    }

    [Fact]
    public void TheReadmesKeys_BindToTheOneDefinition()
    {
        var settings = Bind(new()
        {
            ["Spiderpool:Ipam:EnableIPv6"] = "false",
            ["Spiderpool:Ipam:EnableKubevirtStaticIP"] = "false",
            ["Spiderpool:Ipam:EnableSpiderSubnet"] = "false",
            ["Spiderpool:Ipam:InstallNamespace"] = "spiderpool",
            ["Spiderpool:Ipam:MultusClusterNetwork"] = "kube-system/calico",
        });

        Assert.False(settings.EnableIpv6);
        Assert.True(settings.EnableIpv4);
        Assert.False(settings.EnableKubevirtStaticIp);
        Assert.False(settings.EnableSpiderSubnet);
        Assert.Equal("spiderpool", settings.InstallNamespace);
        Assert.Equal("kube-system/calico", settings.MultusClusterNetwork);
    }

    private static SelectionSettings Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.Configure<SelectionSettings>(configuration.GetSection(SelectionSettings.Section));
        return services.BuildServiceProvider().GetRequiredService<IOptions<SelectionSettings>>().Value;
    }
}
