using System.Runtime.InteropServices;

namespace FtpMount.Cli.Hosting;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation instead of an abrupt exit, so the runner can unmount cleanly.
/// A second signal while stopping ends the process the default way.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals(Action<string>? onFirstSignal = null)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, onFirstSignal)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, onFirstSignal)),
        ];
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Handle(PosixSignalContext context, Action<string>? onFirstSignal)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        onFirstSignal?.Invoke(context.Signal.ToString());
        _stop.Cancel();
    }
}
