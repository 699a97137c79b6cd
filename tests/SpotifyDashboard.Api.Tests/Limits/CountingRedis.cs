using System.Reflection;

namespace SpotifyDashboard.Api.Tests.Limits;

/// <summary>A multiplexer that counts every Subscribe/SubscribeAsync made through its subscribers, whatever the code asking.</summary>
public class CountingRedis : DispatchProxy
{
    private object _target = null!;
    private CountingRedis? _owner;
    private int _subscriptions;

    public int Subscriptions => Volatile.Read(ref (_owner ?? this)._subscriptions);

    public static (IConnectionMultiplexer Redis, CountingRedis Counter) Wrap(IConnectionMultiplexer redis)
    {
        var proxy = Create<IConnectionMultiplexer, CountingRedis>();
        var counter = (CountingRedis)(object)proxy;
        counter._target = redis;
        return (proxy, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is null)
        {
            return null;
        }

        if (targetMethod.Name is nameof(ISubscriber.Subscribe) or nameof(ISubscriber.SubscribeAsync))
        {
            Interlocked.Increment(ref (_owner ?? this)._subscriptions);
        }

        object? result;
        try
        {
            result = targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        if (targetMethod.Name == nameof(IConnectionMultiplexer.GetSubscriber) && result is ISubscriber subscriber)
        {
            var proxy = Create<ISubscriber, CountingRedis>();
            var counting = (CountingRedis)(object)proxy;
            counting._target = subscriber;
            counting._owner = _owner ?? this;
            return proxy;
        }

        return result;
    }
}
