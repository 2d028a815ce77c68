using System.Text;
using System.Text.Json;

namespace K8sGossip.Benchmarks;

/// <summary>One JSON line of results: fields in the order they were added; numbers are medians over the runs.</summary>
internal sealed class ResultLine
{
    private readonly List<(string Name, object Value)> _fields = [];

    public ResultLine Add(string name, object value)
    {
        _fields.Add((name, value));
        return this;
    }

    /// <summary>Adds the median of each named metric over the runs, in the order of <paramref name="names"/>.</summary>
    public ResultLine AddMedians(IReadOnlyList<IReadOnlyDictionary<string, double>> runs, params string[] names)
    {
        foreach (var name in names)
        {
            Add(name, Math.Round(Statistics.Median(runs.Select(r => r[name]).ToList()), 4));
        }

        return this;
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _fields)
            {
                switch (value)
                {
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    case bool b:
                        writer.WriteBoolean(name, b);
                        break;
                    case int i:
                        writer.WriteNumber(name, i);
                        break;
                    case long l:
                        writer.WriteNumber(name, l);
                        break;
                    case double d when double.IsFinite(d):
                        writer.WriteNumber(name, d);
                        break;
                    case double:
                        writer.WriteNull(name);
                        break;
                    default:
                        writer.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
