using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace AutoDialer.PostgreSql.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection's key ring in <c>data_protection_keys</c>, shared by every node on the database: a sign-in
/// cookie or an antiforgery token one node made is read by any other. Synchronous, as <see cref="IXmlRepository"/> is; the
/// key ring is read at start, about once a day, and when a payload names a key this node has not seen (another node's new
/// key), and written when a key is made (every 90 days by default).
/// </summary>
/// <remarks>The keys are stored as Data Protection gives them: unencrypted unless the host configures an XML encryptor
/// (<c>ProtectKeysWith…</c>). Whoever reads this table can forge sign-ins; guard the database accordingly.</remarks>
internal sealed class DataProtectionKeyTable(NpgsqlDataSource dataSource) : IXmlRepository
{
    /// <summary>Every key, oldest first. Reads the table only.</summary>
    internal const string ReadAllSql = "select xml from data_protection_keys order by id";

    /// <summary>Adds one key; takes no lock beyond the new row's.</summary>
    internal const string InsertSql = "insert into data_protection_keys (friendly_name, xml) values (@FriendlyName, @Xml)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>(ReadAllSql).Select(xml => XElement.Parse(xml)).ToArray();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = dataSource.OpenConnection();
        connection.Execute(InsertSql, new { FriendlyName = friendlyName ?? "", Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
