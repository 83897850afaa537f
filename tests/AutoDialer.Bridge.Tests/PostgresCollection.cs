using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Testing;

namespace AutoDialer.Bridge.Tests;

/// <summary>Test classes in this collection share one PostgreSQL server and one Chromium for the whole run.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>, ICollectionFixture<BrowserFixture>;
