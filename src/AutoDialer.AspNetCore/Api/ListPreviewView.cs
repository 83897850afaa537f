using AutoDialer.PostgreSql.Import;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// A stored upload's first rows and the roles its header's names give its columns (<c>GET /api/uploads/{id}/preview</c>),
/// for the mapping step. Column indexes are 0-based; a role no column has is null.
/// </summary>
internal sealed record ListPreviewView(
    long UploadId,
    string Format,
    string Encoding,
    string Delimiter,
    int HeaderLine,
    IReadOnlyList<PreviewColumn> Columns,
    DetectedColumns Detected,
    IReadOnlyList<PreviewRow> Rows)
{
    public static ListPreviewView From(long uploadId, ListPreview preview) => new(
        uploadId,
        preview.Format == ListFormat.Xlsx ? "xlsx" : "csv",
        preview.Encoding,
        preview.Delimiter,
        preview.HeaderLine,
        preview.Header.Select((name, index) => new PreviewColumn(index, name)).ToList(),
        new DetectedColumns(preview.Detected.Phone >= 0 ? preview.Detected.Phone : null, preview.Detected.Name, preview.Detected.Timezone,
            preview.Detected.PrivacyNumber, preview.Detected.AlternatePhones),
        preview.Rows.Select(r => new PreviewRow(r.Line, r.Fields)).ToList());
}

internal sealed record PreviewColumn(int Index, string Name);

/// <param name="Line">The CSV line or the worksheet row the record is on.</param>
internal sealed record PreviewRow(int Line, IReadOnlyList<string> Fields);

/// <summary>The column of each role by the header's names; the body <c>POST /api/uploads/{id}/import</c> takes, with <c>_column</c> after each name.</summary>
/// <param name="AlternatePhones">The contact's other numbers' columns (phone2, 备用电话, …), in the order they are tried.</param>
internal sealed record DetectedColumns(int? Phone, int? Name, int? Timezone, int? PrivacyNumber, IReadOnlyList<int> AlternatePhones);
