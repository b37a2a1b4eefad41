using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary>Throws kept out of the encode/decode paths so those stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowDecode(string message) => throw new NetlinkDecodeException(message);

    [DoesNotReturn]
    public static T ThrowDecode<T>(string message) => throw new NetlinkDecodeException(message);

    /// <summary>Throws for the errno the last P/Invoke with SetLastError left behind.</summary>
    [DoesNotReturn]
    public static void ThrowLastError(string operation) =>
        throw new SystemCallException(operation, Marshal.GetLastPInvokeError());

    [DoesNotReturn]
    public static T ThrowLastError<T>(string operation) =>
        throw new SystemCallException(operation, Marshal.GetLastPInvokeError());

    [DoesNotReturn]
    public static void ThrowArgument(string message, string parameterName) =>
        throw new ArgumentException(message, parameterName);
}
