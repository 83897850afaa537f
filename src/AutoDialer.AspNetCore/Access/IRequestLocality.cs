using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>Decides whether a request comes from this machine. Replaceable, e.g. by a test that needs a remote caller.</summary>
internal interface IRequestLocality
{
    bool IsLocal(HttpContext context);
}
