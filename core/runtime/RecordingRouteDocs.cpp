#include "RecordingRouteDocs.h"

#include "domain/Recording.h"
#include "server/OpenApi.h"
#include "storage/ListQuery.h"
#include "storage/RecordingRepository.h"

namespace sb {

namespace {

using namespace schema;

QJsonObject recordingJson()
{
    return object(
        {{QStringLiteral("id"), integer()},
            {QStringLiteral("callId"), integer(QStringLiteral("The call's id"))},
            {QStringLiteral("provider"), string(QStringLiteral("twilio, signalwire, elevenlabs"))},
            {QStringLiteral("sourceUrl"), nullable(string(QStringLiteral("Where it is downloaded from")))},
            {QStringLiteral("state"), oneOfValues(recordingStateNames())},
            {QStringLiteral("contentType"), nullable(string())},
            {QStringLiteral("bytesExpected"), nullable(integer())},
            {QStringLiteral("bytesStored"), integer()},
            {QStringLiteral("durationSeconds"),
                nullable(integer(QStringLiteral("From the provider's callback")))},
            {QStringLiteral("attempts"), integer()},
            {QStringLiteral("nextAttemptAt"),
                nullable(dateTime(QStringLiteral("When queued: the next attempt")))},
            {QStringLiteral("lastError"), nullable(string())}, {QStringLiteral("createdAt"), dateTime()},
            {QStringLiteral("updatedAt"), dateTime()}, {QStringLiteral("storedAt"), nullable(dateTime())},
            {QStringLiteral("audioUrl"), nullable(string(QStringLiteral("The audio route, when stored")))}},
        {QStringLiteral("id"), QStringLiteral("callId"), QStringLiteral("state")});
}

QJsonObject settingsJson()
{
    return object(
        {{QStringLiteral("retentionDays"),
             integerRange(0, RecordingRepository::maxRetentionDays, QStringLiteral("0 keeps them forever"))},
            {QStringLiteral("diskUsageBytes"), integer(QStringLiteral("Bytes of the stored files"))},
            {QStringLiteral("files"), integer(QStringLiteral("How many files are stored"))}});
}

} // namespace

void documentRecordingRoutes(Router &router)
{
    const auto idParam = ParamDoc {QStringLiteral("id"), QStringLiteral("The recording id"), integer(), true};

    RouteDoc list;
    list.summary = QStringLiteral("Recordings: list");
    list.description = QStringLiteral(
        "Call recordings kept in the data directory and their download queue, newest first by default. "
        "Pass next_cursor as cursor for the next page.");
    auto limit = integerRange(1, listparam::maxLimit);
    limit.insert(QStringLiteral("default"), listparam::defaultLimit);
    list.query = {queryParam(QStringLiteral("call_id"), integer(), QStringLiteral("One call's recording")),
        queryParam(QStringLiteral("state"), string(),
            recordingStateNames().join(QStringLiteral(", ")) + QStringLiteral("; comma-separated")),
        queryParam(QStringLiteral("sort"),
            oneOfValues({QStringLiteral("created_at"), QStringLiteral("-created_at")}),
            QStringLiteral("Default -created_at")),
        queryParam(QStringLiteral("limit"), limit, QStringLiteral("Recordings per page")),
        queryParam(QStringLiteral("cursor"), string(), QStringLiteral("next_cursor of the previous page"))};
    list.responses
        = {jsonResponse(200, QStringLiteral("One page of recordings"),
               object({{QStringLiteral("data"), array(recordingJson())},
                   {QStringLiteral("next_cursor"), nullable(string())},
                   {QStringLiteral("has_more"), boolean()}, {QStringLiteral("limit"), integer()}})),
            errorResponse(400, QStringLiteral("A bad filter, limit or cursor; named"))};
    router.document("GET", QStringLiteral("/api/recordings"), list);

    RouteDoc get;
    get.summary = QStringLiteral("Recordings: one");
    get.pathParams = {idParam};
    get.responses = {jsonResponse(200, QStringLiteral("The recording's metadata"), recordingJson()),
        errorResponse(404, QStringLiteral("No such recording"))};
    router.document("GET", QStringLiteral("/api/recordings/{id}"), get);

    RouteDoc audio;
    audio.summary = QStringLiteral("Recordings: audio");
    audio.description = QStringLiteral("The stored file (audio/mpeg for mp3, audio/wav for wav).");
    audio.pathParams = {idParam};
    audio.responses = {ResponseDoc {200, QStringLiteral("The audio file"),
                           formatted(QStringLiteral("binary")), "audio/mpeg"},
        errorResponse(404, QStringLiteral("No such recording, or it is not stored"))};
    router.document("GET", QStringLiteral("/api/recordings/{id}/audio"), audio);

    RouteDoc retry;
    retry.summary = QStringLiteral("Recordings: retry the download");
    retry.description
        = QStringLiteral("Queues a failed, refused, pruned or waiting recording for download now, "
                         "with its attempts reset. The host rule still applies.");
    retry.pathParams = {idParam};
    retry.responses = {jsonResponse(200, QStringLiteral("The recording, queued"), recordingJson()),
        errorResponse(404, QStringLiteral("No such recording")),
        errorResponse(409, QStringLiteral("Already stored, or nothing to download from"))};
    router.document("POST", QStringLiteral("/api/recordings/{id}/retry"), retry);

    RouteDoc settings;
    settings.summary = QStringLiteral("Recordings: retention and disk usage");
    settings.responses
        = {jsonResponse(200, QStringLiteral("The setting and the disk usage"), settingsJson())};
    router.document("GET", QStringLiteral("/api/recordings/settings"), settings);

    RouteDoc putSettings;
    putSettings.summary = QStringLiteral("Recordings: change the retention");
    putSettings.description = QStringLiteral("Stored files older than retentionDays are deleted by the daily "
                                             "pruning job (and at start); 0 keeps them forever.");
    putSettings.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("retentionDays"), integerRange(0, RecordingRepository::maxRetentionDays)}}),
        {}}};
    putSettings.responses = {jsonResponse(200, QStringLiteral("The setting as stored"), settingsJson()),
        errorResponse(400, QStringLiteral("A bad or unknown field; named"))};
    router.document("PUT", QStringLiteral("/api/recordings/settings"), putSettings);

    RouteDoc prune;
    prune.summary = QStringLiteral("Recordings: prune now");
    prune.description = QStringLiteral("Runs the retention job now.");
    prune.responses = {jsonResponse(200, QStringLiteral("How many were pruned, and the usage after"),
        extend(settingsJson(), {{QStringLiteral("pruned"), integer()}}))};
    router.document("POST", QStringLiteral("/api/recordings/prune"), prune);
}

} // namespace sb
