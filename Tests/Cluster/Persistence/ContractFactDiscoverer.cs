using Spiderpool.Tests.Cluster.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Spiderpool.Tests.Cluster.Persistence;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, skipping them in PostgreSQL subclasses when there is no server.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var testClass = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        if (testClass is not null && testClass.IsDefined(typeof(RequiresPostgresAttribute), inherit: true) && PostgresTestDatabase.SkipReason is { } reason)
        {
            return
            [
                new XunitSkippedDataRowTestCase(
                    DiagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    reason),
            ];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
