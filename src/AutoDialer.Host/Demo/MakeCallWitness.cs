using AutoDialer.Core.Telephony;

namespace AutoDialer.Host.Demo;

/// <summary>
/// <c>demo --witness FILE</c>: appends each make-call's business id to a file, one per line, as the simulated call
/// center receives it (<c>SimulatorOptions.OnMakeCall</c>), before the call is placed — so what was dialled can be
/// checked across processes, even one killed.
/// </summary>
internal sealed class MakeCallWitness(string path)
{
    private readonly Lock _gate = new();

    public void Record(MakeCallRequest request)
    {
        lock (_gate)
        {
            File.AppendAllText(path, request.BusinessId + "\n");
        }
    }
}
