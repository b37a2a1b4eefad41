namespace Spiderpool.Cni.Plugin;

/// <summary>An HTTP answer from NodeHost: its status and whole body.</summary>
internal sealed record AgentAnswer(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
