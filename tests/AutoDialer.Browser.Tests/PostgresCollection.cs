using AutoDialer.Testing;

namespace AutoDialer.Browser.Tests;

/// <summary>Browser tests share one PostgreSQL server and run one after another (one Chromium at a time on two cores).</summary>
[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<PostgresFixture>, ICollectionFixture<BrowserFixture>;
