using Xunit;
using Xunit.Sdk;

namespace Spiderpool.Tests.Cluster.Persistence;

/// <summary>
/// A test of a contract suite that is written once in an abstract class and run by one subclass per
/// implementation. It behaves as a plain fact, except in subclasses marked
/// <see cref="Postgres.RequiresPostgresAttribute"/>, where it is skipped like <see cref="Postgres.PostgresFactAttribute"/>
/// (an attribute on the inherited method cannot know which subclass runs it; the discoverer can).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Spiderpool.Tests.Cluster.Persistence.ContractFactDiscoverer", "Spiderpool.Tests.Cluster")]
public sealed class ContractFactAttribute : FactAttribute;
