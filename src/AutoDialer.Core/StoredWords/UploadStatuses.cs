namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="UploadStatus"/> (<c>list_uploads.status</c>, listed by the schema's
/// <c>list_uploads_status_check</c>; also the API's word), in both directions.
/// </summary>
internal static class UploadStatuses
{
    public const string Staged = "staged";
    public const string Queued = "queued";
    public const string Importing = "importing";
    public const string Imported = "imported";
    public const string Failed = "failed";

    /// <summary>Every status, in declaration order.</summary>
    public static IReadOnlyList<UploadStatus> All { get; } = Array.AsReadOnly(Enum.GetValues<UploadStatus>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this UploadStatus status) => status switch
    {
        UploadStatus.Staged => Staged,
        UploadStatus.Queued => Queued,
        UploadStatus.Importing => Importing,
        UploadStatus.Imported => Imported,
        UploadStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined upload status."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not an upload status: the row was written by something else.</exception>
    public static UploadStatus Parse(string name) => name switch
    {
        Staged => UploadStatus.Staged,
        Queued => UploadStatus.Queued,
        Importing => UploadStatus.Importing,
        Imported => UploadStatus.Imported,
        Failed => UploadStatus.Failed,
        _ => throw new FormatException($"'{name}' is not an upload status."),
    };
}
