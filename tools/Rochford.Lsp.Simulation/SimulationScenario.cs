// A simulation scenario: which projects run, from when to when, and what people do when (leads submit, officers
// decide). Loaded from JSON with messages that name the file, line and field of anything wrong, so that a
// scenario can be written by hand. Every action's payload is checked by the reporting cycle's own parser.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Simulation;

/// <summary>A project the simulation starts, and the date its monitoring starts.</summary>
public sealed record ScenarioProject(string Code, LocalDate MonitoringStarts);

/// <summary>
/// One thing a person does: at <paramref name="At"/> (London time), the input <paramref name="Input"/> with
/// <paramref name="PayloadJson"/> is raised on <paramref name="Project"/>'s reporting cycle.
/// </summary>
/// <param name="Number">1-based position in the file's "actions" list.</param>
/// <param name="Line">The line of the file where the action starts.</param>
/// <param name="EventId">The stable idempotency id it is raised with.</param>
/// <param name="Source">Where the action comes from (e.g. "seed: March 2010 progress report" or "example").</param>
/// <param name="Text">
/// For a report or an interim update: what the lead wrote (<see cref="ReportForm"/> or <see cref="InterimUpdateForm"/>), stored
/// in the reports table before the input is raised, as the page does; <paramref name="PayloadJson"/> then refers to it by id.
/// </param>
public sealed record ScenarioAction(int Number, int Line, LocalDateTime At, string Project, string Input, string PayloadJson, string EventId, string? Source,
    object? Text = null)
{
    /// <summary>The instant the action happens.</summary>
    public DateTimeOffset Instant => UkCalendar.At(At.Date, At.TimeOfDay);
}

/// <summary>A whole simulation scenario.</summary>
public sealed record SimulationScenario(
    string Name,
    string? Description,
    LocalDate From,
    LocalDate To,
    IReadOnlyList<ScenarioProject> Projects,
    IReadOnlyList<ScenarioAction> Actions)
{
    /// <summary>The default scenario's path, relative to the repository root.</summary>
    public const string DefaultPath = "scenarios/rochford-2009-10.json";
}

/// <summary>A scenario file is not usable; the message names the file, line and field.</summary>
public sealed class ScenarioException(string message) : Exception(message);

/// <summary>Reads and validates scenario files.</summary>
public static class ScenarioLoader
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalDateTimePattern[] TimePatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    /// <summary>When an action gives only a date: mid-morning, after the day's 9am timers.</summary>
    public static readonly LocalTime DefaultActionTime = new(10, 0);

    private static readonly string[] TopFields = ["name", "description", "from", "to", "projects", "officers", "actions"];
    private static readonly string[] ActionFields = ["at", "project", "input", "officer", "payload", "source", "note"];
    private static readonly string[] ProjectFields = ["code", "monitoringStarts"];

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ScenarioException">The file is missing, not JSON, or a field is wrong.</exception>
    public static SimulationScenario LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException($"{path}: no such scenario file.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses scenario JSON; <paramref name="fileName"/> is used in messages.</summary>
    /// <exception cref="ScenarioException">Not JSON, or a field is wrong: the message says which, and on which line.</exception>
    public static SimulationScenario Parse(string json, string fileName = "scenario")
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{fileName}:{(ex.LineNumber ?? 0) + 1}: not valid JSON: {FirstSentence(ex.Message)}");
        }
        using (document)
        {
            var lines = LineMap.Build(json);
            var context = new Context(fileName, lines);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw context.Error("", "the scenario must be a JSON object.");
            context.CheckFields(root, "", TopFields);

            var name = context.Text(root, "", "name") ?? Path.GetFileNameWithoutExtension(fileName);
            var description = context.Text(root, "", "description");
            var from = context.Date(root, "", "from", required: true)!.Value;
            var to = context.Date(root, "", "to", required: true)!.Value;
            if (to < from) throw context.Error("to", $"'to' ({to:uuuu-MM-dd}) is before 'from' ({from:uuuu-MM-dd}).");

            var projects = ReadProjects(context, root, from);
            var officers = ReadOfficers(context, root);
            var actions = ReadActions(context, root, projects, officers, from, to);
            return new SimulationScenario(name, description, from, to, projects, actions);
        }
    }

    private static List<ScenarioProject> ReadProjects(Context context, JsonElement root, LocalDate from)
    {
        if (!root.TryGetPropertyCaseInsensitive("projects", out var list))
            return [.. RochfordSeed.Projects.Select(p => new ScenarioProject(p.Code, from))];
        if (list.ValueKind != JsonValueKind.Array) throw context.Error("projects", "'projects' must be a list.");
        var projects = new List<ScenarioProject>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"projects[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) throw context.Error(path, "each project must be an object with a 'code'.");
            context.CheckFields(item, path, ProjectFields);
            var code = (context.Text(item, path, "code") ?? throw context.Error(path, "'code' is missing.")).ToUpperInvariant();
            if (RochfordSeed.Projects.All(p => p.Code != code))
                throw context.Error($"{path}.code", $"'{code}' is not a seeded project; known: {string.Join(", ", RochfordSeed.Projects.Select(p => p.Code))}.");
            if (projects.Any(p => p.Code == code)) throw context.Error($"{path}.code", $"'{code}' is listed twice.");
            projects.Add(new ScenarioProject(code, context.Date(item, path, "monitoringStarts", required: false) ?? from));
        }
        if (projects.Count == 0) throw context.Error("projects", "'projects' lists no project.");
        return projects;
    }

    private static Dictionary<string, Person> ReadOfficers(Context context, JsonElement root)
    {
        // The seed's officers as "A" and "B" unless the scenario names its own keys for them.
        var officers = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase)
        {
            ["A"] = RochfordSeed.Contacts.Officers[0],
            ["B"] = RochfordSeed.Contacts.Officers[1],
        };
        if (!root.TryGetPropertyCaseInsensitive("officers", out var map)) return officers;
        if (map.ValueKind != JsonValueKind.Object) throw context.Error("officers", "'officers' must map a short key to {\"name\", \"email\"}.");
        foreach (var entry in map.EnumerateObject())
        {
            var path = $"officers.{entry.Name}";
            if (entry.Value.ValueKind != JsonValueKind.Object) throw context.Error(path, "must be an object with 'name' and 'email'.");
            context.CheckFields(entry.Value, path, ["name", "email"]);
            var person = new Person(
                context.Text(entry.Value, path, "name") ?? throw context.Error(path, "'name' is missing."),
                context.Text(entry.Value, path, "email") ?? throw context.Error(path, "'email' is missing."));
            if (RochfordSeed.Contacts.Officers.All(o => !o.IsSamePersonAs(person)))
                throw context.Error($"{path}.email", $"'{person.Email}' is not one of the partnership's officers ({string.Join(", ", RochfordSeed.Contacts.OfficerEmails())}).");
            officers[entry.Name] = person;
        }
        return officers;
    }

    private static List<ScenarioAction> ReadActions(Context context, JsonElement root, List<ScenarioProject> projects,
        Dictionary<string, Person> officers, LocalDate from, LocalDate to)
    {
        if (!root.TryGetPropertyCaseInsensitive("actions", out var list)) return [];
        if (list.ValueKind != JsonValueKind.Array) throw context.Error("actions", "'actions' must be a list.");
        var actions = new List<ScenarioAction>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"actions[{i}]";
            var number = ++i;
            if (item.ValueKind != JsonValueKind.Object) throw context.Error(path, "each action must be an object with 'at', 'project' and 'input'.");
            context.CheckFields(item, path, ActionFields);
            var at = context.DateTime(item, path, "at");
            if (at.Date < from || at.Date > to)
                throw context.Error($"{path}.at", $"{at:uuuu-MM-dd HH:mm} is outside the scenario's dates ({from:uuuu-MM-dd} to {to:uuuu-MM-dd}).");
            var project = (context.Text(item, path, "project") ?? throw context.Error(path, "'project' is missing.")).ToUpperInvariant();
            if (projects.All(p => p.Code != project))
                throw context.Error($"{path}.project", $"'{project}' is not one of the scenario's projects ({string.Join(", ", projects.Select(p => p.Code))}).");
            var input = context.Text(item, path, "input") ?? throw context.Error(path, "'input' is missing.");
            if (input == nameof(RaisedEventRefused))
                throw context.Error($"{path}.input", $"'{input}' is raised by the runtime itself, not by people.");
            if (!CommandParser.InputNames.Contains(input))
                throw context.Error($"{path}.input", $"'{input}' is not an input of the reporting cycle; accepted: {string.Join(", ", CommandParser.InputNames.Where(n => n != nameof(RaisedEventRefused)))}.");

            JsonObject payload;
            if (item.TryGetPropertyCaseInsensitive("payload", out var given))
            {
                payload = given.ValueKind == JsonValueKind.Object
                    ? (JsonObject)JsonNode.Parse(given.GetRawText())!
                    : throw context.Error($"{path}.payload", "'payload' must be an object.");
            }
            else
            {
                payload = [];
            }
            if (context.Text(item, path, "officer") is { } key)
            {
                if (!officers.TryGetValue(key, out var officer))
                    throw context.Error($"{path}.officer", $"'{key}' is not an officer of the scenario; known: {string.Join(", ", officers.Keys)}.");
                if (payload.ContainsKey("Officer")) throw context.Error($"{path}.officer", "give the officer either as 'officer' or in the payload, not both.");
                payload["Officer"] = new JsonObject { ["Name"] = officer.Name, ["Email"] = officer.Email };
            }
            var payloadJson = payload.ToJsonString();
            object? text = null;
            try
            {
                // A scenario gives a lead's form in full, as the lead types it; the workflow gets the reference, as from the page.
                switch (input)
                {
                    case nameof(SubmitQuarterlyReport):
                        var report = ReportForm.Parse(payloadJson);
                        (text, payloadJson) = (report, report.ToInputPayload());
                        break;
                    case nameof(SubmitInterimUpdate):
                        var update = InterimUpdateForm.Parse(payloadJson);
                        (text, payloadJson) = (update, update.ToInputPayload());
                        break;
                }
                CommandParser.Parse(input, payloadJson);
            }
            catch (InputRefusedException ex)
            {
                throw context.Error($"{path}.payload", ex.Message);
            }
            var source = context.Text(item, path, "source");
            actions.Add(new ScenarioAction(number, context.LineOf(path), at, project, input, payloadJson, $"sim-{number:D3}-{project}-{input}", source, text));
        }
        return actions;
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();

    /// <summary>Where each JSON value starts: a path like "actions[3].at" to a 1-based line number.</summary>
    private static class LineMap
    {
        public static Dictionary<string, int> Build(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var lineStarts = new List<long> { 0 };
            for (var b = 0; b < bytes.Length; b++)
                if (bytes[b] == (byte)'\n') lineStarts.Add(b + 1);
            var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var stack = new Stack<(string Path, bool IsArray, int Index)>();
            string? property = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    stack.Pop();
                    continue;
                }
                string path;
                if (stack.Count == 0) path = "";
                else if (stack.Peek().IsArray)
                {
                    var frame = stack.Pop();
                    path = $"{frame.Path}[{frame.Index}]";
                    stack.Push(frame with { Index = frame.Index + 1 });
                }
                else path = stack.Peek().Path.Length == 0 ? property! : $"{stack.Peek().Path}.{property}";
                var line = lineStarts.BinarySearch(reader.TokenStartIndex);
                map.TryAdd(path, line >= 0 ? line + 1 : ~line);
                if (reader.TokenType == JsonTokenType.StartObject) stack.Push((path, false, 0));
                else if (reader.TokenType == JsonTokenType.StartArray) stack.Push((path, true, 0));
            }
            return map;
        }
    }

    private sealed class Context(string fileName, Dictionary<string, int> lines)
    {
        /// <summary>The line of <paramref name="path"/>, or of its nearest enclosing value.</summary>
        public int LineOf(string path)
        {
            for (var p = path; ; p = Parent(p))
            {
                if (lines.TryGetValue(p, out var line)) return line;
                if (p.Length == 0) return 1;
            }
        }

        private static string Parent(string path)
        {
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            return cut <= 0 ? "" : path[..cut];
        }

        public ScenarioException Error(string path, string problem) =>
            new($"{fileName}:{LineOf(path)}: {(path.Length == 0 ? "" : path + ": ")}{problem}");

        public void CheckFields(JsonElement obj, string path, string[] known)
        {
            foreach (var field in obj.EnumerateObject())
            {
                if (!known.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
                    throw Error(Join(path, field.Name), $"unknown field '{field.Name}'; expected {string.Join(", ", known)}.");
            }
        }

        public string? Text(JsonElement obj, string path, string name)
        {
            if (!obj.TryGetPropertyCaseInsensitive(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.String) throw Error(Join(path, name), $"'{name}' must be text.");
            var text = value.GetString()!.Trim();
            return text.Length == 0 ? null : text;
        }

        public LocalDate? Date(JsonElement obj, string path, string name, bool required)
        {
            var text = Text(obj, path, name);
            if (text is null) return required ? throw Error(path, $"'{name}' is missing (a date like 2010-05-31).") : null;
            var parsed = DatePattern.Parse(text);
            return parsed.Success ? parsed.Value : throw Error(Join(path, name), $"'{name}' must be a date like 2010-05-31, not '{text}'.");
        }

        public LocalDateTime DateTime(JsonElement obj, string path, string name)
        {
            var text = Text(obj, path, name) ?? throw Error(path, $"'{name}' is missing (a London date and time like \"2010-04-09 15:00\", or a date).");
            foreach (var pattern in TimePatterns)
            {
                var parsed = pattern.Parse(text);
                if (parsed.Success) return parsed.Value;
            }
            var date = DatePattern.Parse(text);
            return date.Success
                ? date.Value.At(DefaultActionTime)
                : throw Error(Join(path, name), $"'{name}' must be a London date and time like \"2010-04-09 15:00\" (or a date), not '{text}'.");
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}

internal static class JsonElementExtensions
{
    /// <summary>Finds a property ignoring case, so hand-written scenarios may say "Payload" or "payload".</summary>
    public static bool TryGetPropertyCaseInsensitive(this JsonElement obj, string name, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
