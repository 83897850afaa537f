using System.Runtime.Versioning;

// The embedded server launcher is Unix-only (runuser, pg_ctl, Unix file modes).
[assembly: UnsupportedOSPlatform("windows")]
