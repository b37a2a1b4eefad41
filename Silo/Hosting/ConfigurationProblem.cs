namespace Spiderpool.Silo.Hosting;

/// <summary>
/// Finds a settings error that stopped a silo: thrown while the silo is configured, or while it starts (the data
/// directory in use by another process), where Orleans' lifecycle wraps it. Hosts print its message, which names the
/// setting to fix, instead of a stack trace.
/// </summary>
public static class ConfigurationProblem
{
    public static OrleansConfigurationException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OrleansConfigurationException problem)
            {
                return problem;
            }

            if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find(inner) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }
        }

        return null;
    }
}
