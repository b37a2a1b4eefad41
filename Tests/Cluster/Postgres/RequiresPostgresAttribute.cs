namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// Marks a concrete test class whose inherited <see cref="Persistence.ContractFactAttribute"/> tests need PostgreSQL,
/// so they are skipped or run under the same rules as <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
