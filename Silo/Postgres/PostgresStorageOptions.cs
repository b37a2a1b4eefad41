using Orleans.Storage;

namespace Spiderpool.Silo.Postgres;

/// <summary>Settings of one named <see cref="PostgresGrainStorage"/> provider.</summary>
public sealed class PostgresStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Npgsql connection string; normally bound from <c>Spiderpool:Postgres:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How state is turned into the stored bytes. Left null, Orleans fills in the serializer registered for this
    /// provider's name, else the silo-wide <see cref="IGrainStorageSerializer"/> (Orleans' JSON serializer by default).
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
