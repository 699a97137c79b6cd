namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>The source cannot be read or used; the message is meant for the person who can fix it.</summary>
public sealed class SurveySourceException(string message, Exception? inner = null) : Exception(message, inner);
