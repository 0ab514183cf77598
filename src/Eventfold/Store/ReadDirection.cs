namespace Eventfold;

public enum ReadDirection
{
    Forwards,
    Backwards,
}
