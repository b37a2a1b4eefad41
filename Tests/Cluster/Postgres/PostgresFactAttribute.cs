using Xunit;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// A test that needs the PostgreSQL server of <see cref="PostgresTestDatabase"/>: skipped with an explanation when
/// <c>SPIDERPOOL_TEST_POSTGRES</c> is unset on a developer machine, run (and failing with instructions) when it is
/// unset and <c>CI=true</c>, so CI cannot silently skip them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresTestDatabase.SkipReason;
    }
}
