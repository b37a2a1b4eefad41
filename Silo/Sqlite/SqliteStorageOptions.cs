using Orleans.Storage;

namespace Spiderpool.Silo.Sqlite;

/// <summary>Settings of one named <see cref="SqliteGrainStorage"/> provider; the database is the silo's <see cref="SqliteDatabase"/>.</summary>
public sealed class SqliteStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>
    /// How state is turned into the stored bytes. Left null, Orleans fills in the serializer registered for this
    /// provider's name, else the silo-wide <see cref="IGrainStorageSerializer"/> (Orleans' JSON serializer by default).
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
