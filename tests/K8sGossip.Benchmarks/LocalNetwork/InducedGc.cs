using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>
/// Makes another .NET process run a full blocking garbage collection, as <c>dotnet-gcdump</c> does: through the runtime's
/// diagnostics IPC socket (<c>/tmp/dotnet-diagnostic-&lt;pid&gt;-*-socket</c>) it opens an EventPipe session enabling the
/// runtime provider's GCHeapCollect keyword, which induces a gen-2 collection, waits for it, and stops the session.
/// The process itself is not changed or restarted.
/// </summary>
internal static class InducedGc
{
    private const byte EventPipeCommands = 0x02;
    private const byte StopTracing = 0x01;
    private const byte CollectTracing = 0x02;
    private const byte ServerResponse = 0xFF;
    private const ulong GcKeyword = 0x1;
    private const ulong GcHeapCollectKeyword = 0x800000;
    private const uint Informational = 4;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0");

    /// <summary>Induces a full GC in <paramref name="pid"/>; false (with the cause on stderr) when its diagnostics socket
    /// cannot be used.</summary>
    public static async Task<bool> CollectAsync(int pid, TimeSpan wait)
    {
        var socketPath = SocketPath(pid);
        if (socketPath is null)
        {
            Console.Error.WriteLine($"No diagnostics socket for process {pid}; no GC induced.");
            return false;
        }

        try
        {
            using var session = await ConnectAsync(socketPath);
            await session.SendAsync(Message(CollectTracing, CollectPayload()));
            var sessionId = await ReadSessionIdAsync(session);

            // The runtime streams the trace on this connection: read and discard it while the collection runs.
            using var drainStop = new CancellationTokenSource();
            var drain = DrainAsync(session, drainStop.Token);
            await Task.Delay(wait);
            using (var control = await ConnectAsync(socketPath))
            {
                var payload = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(payload, sessionId);
                await control.SendAsync(Message(StopTracing, payload));
                await ReadSessionIdAsync(control);
            }

            drainStop.CancelAfter(TimeSpan.FromSeconds(5));
            await drain;
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine($"Inducing a GC in process {pid} failed: {e.Message}");
            return false;
        }
    }

    /// <summary>The diagnostics socket of the running process <paramref name="pid"/>. A socket left behind by an earlier
    /// process with the same id may still lie in the temporary folder; the runtime names the socket after its process's
    /// start time (field 22 of <c>/proc/&lt;pid&gt;/stat</c>), so that name picks the right one.</summary>
    private static string? SocketPath(int pid)
    {
        var candidates = Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket").ToList();
        var startTime = ProcFs.StartTime(pid);
        return candidates.FirstOrDefault(c => startTime is { } t && c.EndsWith($"-{t}-socket", StringComparison.Ordinal))
            ?? candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
    }

    private static async Task<Socket> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static byte[] Message(byte command, byte[] payload)
    {
        var message = new byte[20 + payload.Length];
        Magic.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(14), (ushort)message.Length);
        message[16] = EventPipeCommands;
        message[17] = command;
        payload.CopyTo(message, 20);
        return message;
    }

    private static byte[] CollectPayload()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.Unicode);
        writer.Write(16u); // circular buffer, MiB
        writer.Write(1u); // nettrace format
        writer.Write(1u); // one provider
        writer.Write(GcKeyword | GcHeapCollectKeyword);
        writer.Write(Informational);
        WriteString(writer, "Microsoft-Windows-DotNETRuntime");
        writer.Write(0u); // no filter data
        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        writer.Write((uint)(value.Length + 1));
        writer.Write(Encoding.Unicode.GetBytes(value + "\0"));
    }

    /// <summary>Reads a response header and its session id; throws when the runtime answered with an error.</summary>
    private static async Task<ulong> ReadSessionIdAsync(Socket socket)
    {
        var header = await ReadExactlyAsync(socket, 20);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(14));
        if (header[16] != ServerResponse || size < 20)
        {
            throw new InvalidDataException($"unexpected diagnostics response (command set {header[16]:X2}).");
        }

        var payload = await ReadExactlyAsync(socket, size - 20);
        if (header[17] != 0x00)
        {
            var code = payload.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(payload) : 0;
            throw new InvalidDataException($"the runtime refused the request (error 0x{code:X8}).");
        }

        return payload.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(payload) : 0;
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("the diagnostics connection closed early.");
            }

            read += n;
        }

        return buffer;
    }

    private static async Task DrainAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // The session ended or the drain was cut short; either way the trace is not needed.
        }
    }
}
