using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AutoDialer.PostgreSql.Migrations;

/// <summary>
/// One schema change: a file <c>sql/NNN_name.sql</c>, applied once, in version order, and never edited after.
/// </summary>
internal sealed record Migration
{
    private const string ResourcePrefix = "sql/";

    public Migration(int version, string name, string sql)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sql);
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = ChecksumOf(sql);
    }

    public int Version { get; }

    /// <summary>The file name without extension, e.g. <c>001_foundation</c>.</summary>
    public string Name { get; }

    public string Sql { get; }

    /// <summary>
    /// SHA-256 of the text with line endings normalised, so a checkout with CRLF line endings is not taken
    /// for an edited migration.
    /// </summary>
    public string Checksum { get; }

    /// <summary>The migrations shipped in this assembly (the repository's sql/ directory).</summary>
    public static IReadOnlyList<Migration> FromEmbeddedResources()
    {
        var assembly = typeof(Migration).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && resource.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource => FromFile(resource[ResourcePrefix.Length..], Read(assembly, resource)))
            .OrderBy(migration => migration.Version)
            .ToArray();
    }

    /// <summary>Parses the version out of a file name like <c>001_foundation.sql</c>.</summary>
    public static Migration FromFile(string fileName, string sql)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        var separator = name.IndexOf('_');
        if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), out var version) || version <= 0)
        {
            throw new ArgumentException($"Migration file '{fileName}' is not named NNN_name.sql.", nameof(fileName));
        }

        return new Migration(version, name, sql);
    }

    public override string ToString() => Name;

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string ChecksumOf(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
}
