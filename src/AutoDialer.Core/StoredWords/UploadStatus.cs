namespace AutoDialer.Core.StoredWords;

/// <summary>Where an uploaded contact list is in its background import; stored by its name in <see cref="UploadStatuses"/>.</summary>
internal enum UploadStatus
{
    /// <summary>Stored, its file in the upload folder, waiting for a person to review its columns; no job yet.</summary>
    Staged,

    /// <summary>Recorded, its file in the upload folder; the import job has not started it.</summary>
    Queued,

    /// <summary>A job is importing it now.</summary>
    Importing,

    /// <summary>Its list is in the database (<c>list_id</c>); the file is gone.</summary>
    Imported,

    /// <summary>The last run failed (<c>error</c> says why); the job engine may run it again.</summary>
    Failed,
}
