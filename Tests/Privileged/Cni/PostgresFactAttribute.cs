using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// A test that needs PostgreSQL (<c>SPIDERPOOL_TEST_POSTGRES</c>, from <c>Tests/postgres.sh start</c>): skipped with
/// the command to run when it is unset on a developer machine; under <c>CI=true</c> it runs and fails instead, so CI
/// cannot skip it silently. Not root, it runs too, to fail with the root message like every other CNI test.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "SPIDERPOOL_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        var set = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!set && !ci && RootRequirement.IsRoot)
        {
            Skip = $"{Variable} is not set; run 'export {Variable}=$(Tests/postgres.sh start)' to include this test";
        }
    }

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{Variable} is not set but CI=true requires this test to run: start PostgreSQL with `export {Variable}=$(Tests/postgres.sh start)`");
}
