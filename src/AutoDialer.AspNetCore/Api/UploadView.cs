using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Import;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// An upload and how far its import has come (<see cref="Progress"/>: 0–1 of the file's bytes read); <see cref="Mapping"/>
/// is the columns' roles a person chose in the mapping step (null: found from the header's names).
/// </summary>
internal sealed record UploadView(
    long Id,
    string CampaignName,
    string FileName,
    long SizeBytes,
    string Status,
    int RowsRead,
    long BytesRead,
    double Progress,
    long? ListId,
    string? Error,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DetectedColumns? Mapping)
{
    public static UploadView From(ListUpload upload) => new(
        upload.Id, upload.CampaignName, upload.FileName, upload.SizeBytes, upload.Status.ToName(), upload.RowsRead, upload.BytesRead,
        upload.Status == UploadStatus.Imported ? 1 : upload.SizeBytes == 0 ? 0 : Math.Round(Math.Clamp((double)upload.BytesRead / upload.SizeBytes, 0, 1), 4),
        upload.ListId, upload.Error, upload.CreatedAt, upload.UpdatedAt,
        upload.Mapping is { } m ? new DetectedColumns(m.Phone, m.Name, m.Timezone, m.PrivacyNumber, m.AlternatePhones) : null);
}
