using System.Globalization;

namespace Spiderpool.Tests.CniBench;

/// <summary>
/// CPU time of the plugin processes this benchmark has run and reaped (cutime + cstime of /proc/self/stat), so a cell
/// can say what each ADD+DEL cost in CPU besides how long it took: on a 2-core machine CPU is what bounds c=8.
/// </summary>
internal static class CpuTime
{
    /// <summary>USER_HZ, the unit of /proc/PID/stat times; 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static double ReapedChildrenMilliseconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");

        // Fields after the command name, which is in parentheses and may itself hold spaces; the first is field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cutime = long.Parse(fields[16 - 3], CultureInfo.InvariantCulture);
        var cstime = long.Parse(fields[17 - 3], CultureInfo.InvariantCulture);
        return (cutime + cstime) * 1000 / TicksPerSecond;
    }
}
