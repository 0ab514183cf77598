using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Eventfold.Benchmarks.CpuTime;

/// <summary>
/// CPU and wall time per event of several contenders run in turns in one process. Each turn is charged
/// the process's CPU time, so time spent waiting for a core that other processes hold is left out, and
/// load that comes and goes falls on every contender alike.
/// </summary>
internal sealed class Turns
{
    private readonly (string Name, List<double> Cpu, List<double> Wall)[] _results;

    private Turns(IEnumerable<string> names) => _results = names.Select(n => (n, new List<double>(), new List<double>())).ToArray();

    /// <param name="contenders">The baseline first; each runs <paramref name="eventsPerTurn"/> events a turn.</param>
    public static Turns Run(int rounds, int eventsPerTurn, params (string Name, Action Turn)[] contenders)
    {
        var turns = new Turns(contenders.Select(c => c.Name));
        foreach (var (_, turn) in contenders)
        {
            turn(); // untimed, so that every contender is jitted before its first timed turn
        }

        for (int round = 0; round < rounds; round++)
        {
            // Rotate who goes first, so that none always follows another's checkpoint or collection.
            for (int k = 0; k < contenders.Length; k++)
            {
                int i = (round + k) % contenders.Length;
                Time(contenders[i].Turn, eventsPerTurn, turns._results[i].Cpu, turns._results[i].Wall);
            }
        }

        return turns;
    }

    public string Report(string scenario)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        double baselineCpu = Median(_results[0].Cpu), baselineWall = Median(_results[0].Wall);
        text.AppendLine(inv, $"{scenario}: medians of {_results[0].Cpu.Count} turns, per event; rate = this contender's events/s over the baseline's ({_results[0].Name})");
        text.AppendLine(inv, $"  {"contender",-30} {"us CPU",10} {"events/s of CPU",16} {"us wall",10} {"rate by CPU",12} {"rate by wall",13}");
        foreach (var (name, cpu, wall) in _results)
        {
            double c = Median(cpu), w = Median(wall);
            text.AppendLine(inv, $"  {name,-30} {c,10:F4} {1e6 / c,16:N0} {w,10:F4} {baselineCpu / c,12:F2} {baselineWall / w,13:F2}");
        }

        return text.ToString();
    }

    private static void Time(Action turn, int events, List<double> cpu, List<double> wall)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long started = Stopwatch.GetTimestamp();
        turn();
        wall.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / events);
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / events);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
