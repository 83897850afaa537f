using AutoDialer.Testing;

namespace AutoDialer.Chaos.Tests;

/// <summary>Test classes in this collection share one PostgreSQL server for the whole run.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
}
