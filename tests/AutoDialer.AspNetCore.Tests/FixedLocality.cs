using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>The one test seam for "is this request from this machine": lets a loopback test client stand for a remote one.</summary>
internal sealed class FixedLocality(bool local) : IRequestLocality
{
    public bool IsLocal(HttpContext context) => local;
}
