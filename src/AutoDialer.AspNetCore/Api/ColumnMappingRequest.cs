using System.Text.Json.Serialization;
using AutoDialer.Core.Import;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The columns' roles a person chose in the upload's mapping step (<c>POST /api/uploads/{id}/import</c>): 0-based
/// column indexes as the preview lists them; a role left out or null has no column. Every other column is kept as an
/// attribute.
/// </summary>
internal sealed class ColumnMappingRequest
{
    [JsonRequired]
    public int PhoneColumn { get; init; }

    public int? NameColumn { get; init; }

    public int? TimezoneColumn { get; init; }

    public int? PrivacyNumberColumn { get; init; }

    /// <summary>The contact's other numbers' columns, in the order they are tried after the phone; null or left out: none.</summary>
    public IReadOnlyList<int>? AlternatePhoneColumns { get; init; }

    public ColumnMapping ToMapping() =>
        new(PhoneColumn, NameColumn, TimezoneColumn, PrivacyNumberColumn) { AlternatePhones = AlternatePhoneColumns ?? [] };
}
