<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Switchboard cannot start</source>
        <translation>Switchboard kann nicht starten</translation>
    </message>
    <message>
        <source>Admin API key</source>
        <translation>Admin-API-Schlüssel</translation>
    </message>
    <message>
        <source>This is the admin API key for Switchboard&apos;s HTTP API. It is shown only once; store it now.

%1</source>
        <translation>Dies ist der Admin-API-Schlüssel für die HTTP-API von Switchboard. Er wird nur einmal angezeigt; bewahren Sie ihn jetzt auf.

%1</translation>
    </message>
</context>
<context>
    <name>sb::ApiKeysPage</name>
    <message>
        <source>Admin routes (/api/...) need one of these keys in Authorization: Bearer or X-API-Key. Only a hash is stored: a new key is shown once.</source>
        <translation>Admin-Routen (/api/...) verlangen einen dieser Schlüssel in Authorization: Bearer oder X-API-Key. Gespeichert wird nur ein Hash: Ein neuer Schlüssel wird einmal angezeigt.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>Schlüssel beginnt mit</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Create key…</source>
        <translation>Schlüssel erstellen…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Could not read the keys: %1</source>
        <translation>Die Schlüssel konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>What is the key for (e.g. “CRM sync”)?</source>
        <translation>Wofür ist der Schlüssel (z. B. „CRM-Sync“)?</translation>
    </message>
    <message>
        <source>API key not created</source>
        <translation>API-Schlüssel nicht erstellt</translation>
    </message>
    <message>
        <source>Copy the key now: it is shown only once and cannot be recovered.</source>
        <translation>Kopieren Sie den Schlüssel jetzt: Er wird nur einmal angezeigt und lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke “%1”? Clients using it are refused from now on. This cannot be undone.</source>
        <translation>„%1“ widerrufen? Clients, die ihn verwenden, werden ab sofort abgewiesen. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>API key not revoked</source>
        <translation>API-Schlüssel nicht widerrufen</translation>
    </message>
</context>
<context>
    <name>sb::ConversationListModel</name>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Lead #%1</source>
        <translation>Lead Nr. %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n message(s)</source>
        <translation>
            <numerusform>%1 · %n Nachricht</numerusform>
            <numerusform>%1 · %n Nachrichten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::ConversationsView</name>
    <message>
        <source>No conversations yet</source>
        <translation>Noch keine Unterhaltungen</translation>
    </message>
    <message>
        <source>Threads appear here when a lead texts, emails or calls: point Twilio, SignalWire or Mailgun at the webhook URLs listed under Settings → Provider endpoints and set their secrets. To try it locally, start Switchboard with --accept-unverified twilio and send:</source>
        <translation>Unterhaltungen erscheinen hier, sobald ein Lead eine SMS oder E-Mail schickt oder anruft: Richten Sie Twilio, SignalWire oder Mailgun auf die Webhook-URLs unter Einstellungen → Anbieter-Endpunkte aus und hinterlegen Sie deren Secrets. Zum lokalen Ausprobieren starten Sie Switchboard mit --accept-unverified twilio und senden:</translation>
    </message>
</context>
<context>
    <name>sb::DashboardView</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Inbound requests by provider</source>
        <translation>Eingehende Anfragen nach Anbieter</translation>
    </message>
    <message>
        <source>Deliveries per minute, last hour</source>
        <translation>Zustellungen pro Minute, letzte Stunde</translation>
    </message>
    <message>
        <source>Recent failures (last 24 hours)</source>
        <translation>Letzte Fehler (letzte 24 Stunden)</translation>
    </message>
    <message>
        <source>Inbound requests</source>
        <translation>Eingehende Anfragen</translation>
    </message>
    <message>
        <source>Deliveries delivered</source>
        <translation>Zustellungen erfolgreich</translation>
    </message>
    <message>
        <source>Deliveries failed</source>
        <translation>Zustellungen fehlgeschlagen</translation>
    </message>
    <message>
        <source>New leads</source>
        <translation>Neue Leads</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Could not read the statistics: %1</source>
        <translation>Die Statistik konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n abgewiesen</numerusform>
            <numerusform>%n abgewiesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still pending</source>
        <translation>
            <numerusform>%n noch ausstehend</numerusform>
            <numerusform>%n noch ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>from CRM webhooks and new senders</source>
        <translation>aus CRM-Webhooks und von neuen Absendern</translation>
    </message>
    <message>
        <source>none finished yet</source>
        <translation>noch keine abgeschlossen</translation>
    </message>
    <message>
        <source>%1% of finished deliveries</source>
        <translation>%1 % der abgeschlossenen Zustellungen</translation>
    </message>
    <message>
        <source>No requests today</source>
        <translation>Heute keine Anfragen</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Show this request in Inbound requests</source>
        <translation>Diese Anfrage unter „Eingehende Anfragen“ zeigen</translation>
    </message>
    <message>
        <source>Show this delivery in Deliveries</source>
        <translation>Diese Zustellung unter „Zustellungen“ zeigen</translation>
    </message>
    <message>
        <source>No failures in the last 24 hours</source>
        <translation>Keine Fehler in den letzten 24 Stunden</translation>
    </message>
</context>
<context>
    <name>sb::DeliveriesView</name>
    <message>
        <source>No deliveries yet</source>
        <translation>Noch keine Zustellungen</translation>
    </message>
    <message>
        <source>Every event Switchboard sends to a webhook appears here with each attempt&apos;s request, response and latency. Create a webhook configuration in the Webhooks section and press Test, or wait for the first lead or message to arrive.</source>
        <translation>Jedes Ereignis, das Switchboard an einen Webhook sendet, erscheint hier mit Anfrage, Antwort und Latenz jedes Versuchs. Legen Sie im Bereich Webhooks eine Konfiguration an und drücken Sie Test, oder warten Sie auf den ersten Lead oder die erste Nachricht.</translation>
    </message>
    <message>
        <source>Search id, event, error or HTTP status (Ctrl+F)</source>
        <translation>ID, Ereignis, Fehler oder HTTP-Status suchen (Strg+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>Send every failed delivery that matches the filters again</source>
        <translation>Jede fehlgeschlagene Zustellung, die den Filtern entspricht, erneut senden</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read deliveries stored since the last update (F5)</source>
        <translation>Seit der letzten Aktualisierung gespeicherte Zustellungen lesen (F5)</translation>
    </message>
    <message>
        <source>All webhooks</source>
        <translation>Alle Webhooks</translation>
    </message>
    <message>
        <source>Could not read deliveries: %1</source>
        <translation>Zustellungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n matching so far · searching older deliveries…</source>
        <translation>
            <numerusform>%n Treffer bisher · ältere Zustellungen werden durchsucht…</numerusform>
            <numerusform>%n Treffer bisher · ältere Zustellungen werden durchsucht…</numerusform>
        </translation>
    </message>
    <message>
        <source>No deliveries match these filters</source>
        <translation>Keine Zustellung entspricht diesen Filtern</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n delivery(s) · scroll for older</source>
        <translation>
            <numerusform>Neueste %n Zustellung · für ältere scrollen</numerusform>
            <numerusform>Neueste %n Zustellungen · für ältere scrollen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n Zustellung</numerusform>
            <numerusform>%n Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry of %1 queued</source>
        <translation>Wiederholung von %1 eingereiht</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>Wiederholung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Retry failed deliveries</source>
        <translation>Fehlgeschlagene Zustellungen wiederholen</translation>
    </message>
    <message>
        <source>Send every failed delivery again now?</source>
        <translation>Jede fehlgeschlagene Zustellung jetzt erneut senden?</translation>
    </message>
    <message>
        <source>Send every failed delivery that matches the current filters again now?</source>
        <translation>Jede fehlgeschlagene Zustellung, die den aktuellen Filtern entspricht, jetzt erneut senden?</translation>
    </message>
    <message numerus="yes">
        <source>%n failed delivery(s) queued again</source>
        <translation>
            <numerusform>%n fehlgeschlagene Zustellung erneut eingereiht</numerusform>
            <numerusform>%n fehlgeschlagene Zustellungen erneut eingereiht</numerusform>
        </translation>
    </message>
    <message>
        <source>Who raised the event</source>
        <translation>Wer das Ereignis ausgelöst hat</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>admin API</source>
        <translation>Admin-API</translation>
    </message>
    <message>
        <source>console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Test button</source>
        <translation>Test-Schaltfläche</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>Demodaten</translation>
    </message>
</context>
<context>
    <name>sb::DeliveryCommands</name>
    <message>
        <source>The delivery no longer exists.</source>
        <translation>Die Zustellung existiert nicht mehr.</translation>
    </message>
</context>
<context>
    <name>sb::DeliveryDetailPane</name>
    <message>
        <source>%1 · the receiver sent more; Switchboard stopped reading there</source>
        <translation>%1 · der Empfänger hat mehr gesendet; Switchboard hat dort aufgehört zu lesen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Send this delivery again now, with the same webhook-id (Ctrl+R)</source>
        <translation>Diese Zustellung jetzt erneut senden, mit derselben webhook-id (Strg+R)</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>Copy a curl command that repeats the selected attempt&apos;s request</source>
        <translation>Einen curl-Befehl kopieren, der die Anfrage des gewählten Versuchs wiederholt</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Select a delivery to see every attempt&apos;s request and response.</source>
        <translation>Wählen Sie eine Zustellung, um Anfrage und Antwort jedes Versuchs zu sehen.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Configuration #%1 was deleted</source>
        <translation>Konfiguration Nr. %1 wurde gelöscht</translation>
    </message>
    <message>
        <source>Could not read delivery %1: %2</source>
        <translation>Zustellung %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Delivery %1 is no longer stored.</source>
        <translation>Zustellung %1 ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1 (Test)</translation>
    </message>
    <message>
        <source>Delivery id</source>
        <translation>Zustellungs-ID</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>Ereignis-ID</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation>nicht geplant</translation>
    </message>
    <message>
        <source>Last HTTP status</source>
        <translation>Letzter HTTP-Status</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Attempts (%1)</source>
        <translation>Versuche (%1)</translation>
    </message>
    <message>
        <source>Not sent yet · POST %1</source>
        <translation>Noch nicht gesendet · POST %1</translation>
    </message>
    <message>
        <source>No response yet.</source>
        <translation>Noch keine Antwort.</translation>
    </message>
    <message>
        <source>Attempt %1 · POST %2 · %3</source>
        <translation>Versuch %1 · POST %2 · %3</translation>
    </message>
    <message>
        <source>HTTP %1 after %2 ms</source>
        <translation>HTTP %1 nach %2 ms</translation>
    </message>
    <message>
        <source>No answer after %1 ms: %2</source>
        <translation>Keine Antwort nach %1 ms: %2</translation>
    </message>
    <message>
        <source>The response had no body.</source>
        <translation>Die Antwort hatte keinen Body.</translation>
    </message>
    <message>
        <source>Raised by request</source>
        <translation>Ausgelöst durch Anfrage</translation>
    </message>
</context>
<context>
    <name>sb::DeliveryLogModel</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>#%1 (deleted)</source>
        <translation>Nr. %1 (gelöscht)</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1 (Test)</translation>
    </message>
    <message>
        <source>Next attempt at %1</source>
        <translation>Nächster Versuch um %1</translation>
    </message>
    <message>
        <source>Last change at %1</source>
        <translation>Letzte Änderung um %1</translation>
    </message>
    <message>
        <source>webhook-id %1 · event %2</source>
        <translation>webhook-id %1 · Ereignis %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Delivery id</source>
        <translation>Zustellungs-ID</translation>
    </message>
</context>
<context>
    <name>sb::DeliveryQueueLabel</name>
    <message>
        <source>Outbound deliveries waiting for their first attempt or a retry</source>
        <translation>Ausgehende Zustellungen, die auf ihren ersten Versuch oder eine Wiederholung warten</translation>
    </message>
    <message>
        <source>Queue: …</source>
        <translation>Warteschlange: …</translation>
    </message>
    <message>
        <source>Queue: ?</source>
        <translation>Warteschlange: ?</translation>
    </message>
    <message>
        <source>Queue: %1 pending</source>
        <translation>Warteschlange: %1 ausstehend</translation>
    </message>
</context>
<context>
    <name>sb::DeliveryRateChart</name>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>No deliveries in the last hour</source>
        <translation>Keine Zustellungen in der letzten Stunde</translation>
    </message>
    <message>
        <source>%1: %2 delivered, %3 failed, %4 pending</source>
        <translation>%1: %2 zugestellt, %3 fehlgeschlagen, %4 ausstehend</translation>
    </message>
</context>
<context>
    <name>sb::EmptyState</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>sb::EndpointsPage</name>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Verified with</source>
        <translation>Geprüft mit</translation>
    </message>
    <message>
        <source>Paths below start at %1. No public URL is set, so these are local addresses: providers on the internet need the tunnel&apos;s URL (Server tab). Copy puts the full URL on the clipboard.</source>
        <translation>Die Pfade unten beginnen bei %1. Es ist keine öffentliche URL gesetzt, das sind also lokale Adressen: Anbieter im Internet brauchen die URL des Tunnels (Reiter Server). Kopieren legt die vollständige URL in die Zwischenablage.</translation>
    </message>
    <message>
        <source>Paths below start at the public URL %1. Copy puts the full URL on the clipboard; paste it into the provider&apos;s console.</source>
        <translation>Die Pfade unten beginnen bei der öffentlichen URL %1. Kopieren legt die vollständige URL in die Zwischenablage; fügen Sie sie in der Konsole des Anbieters ein.</translation>
    </message>
    <message>
        <source>nothing (test only)</source>
        <translation>nichts (nur zum Testen)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
</context>
<context>
    <name>sb::EventTypePicker</name>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Raised when</source>
        <translation>Ausgelöst, wenn</translation>
    </message>
    <message numerus="yes">
        <source>%n event type(s) selected</source>
        <translation>
            <numerusform>%n Ereignistyp ausgewählt</numerusform>
            <numerusform>%n Ereignistypen ausgewählt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::HeadersEditor</name>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>sb::InboundDetailPane</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Select a request to see its verification, headers and body.</source>
        <translation>Wählen Sie eine Anfrage, um Prüfung, Header und Body zu sehen.</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>String to sign (as computed here)</source>
        <translation>Zu signierende Zeichenkette (hier berechnet)</translation>
    </message>
    <message>
        <source>Could not read request %1: %2</source>
        <translation>Anfrage %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Request %1 is no longer stored.</source>
        <translation>Anfrage %1 ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>Received %1 from %2 · answered in %3</source>
        <translation>Empfangen %1 von %2 · beantwortet in %3</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Datensatz-ID</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation>Header (%1)</translation>
    </message>
    <message>
        <source>The request had no body.</source>
        <translation>Die Anfrage hatte keinen Body.</translation>
    </message>
    <message>
        <source>HTTP %1 · %2</source>
        <translation>HTTP %1 · %2</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut abspielen</translation>
    </message>
    <message>
        <source>Run this request through its handler again: verified with today&apos;s secrets, its timestamps judged as of its arrival, deduplicated like any callback. The replay is recorded as a new request; this one stays as it was.</source>
        <translation>Diese Anfrage erneut durch ihren Handler laufen lassen: mit den heutigen Secrets geprüft, Zeitstempel bezogen auf ihren Eingang, wie jeder Callback dedupliziert. Die Wiederholung wird als neue Anfrage aufgezeichnet; diese bleibt unverändert.</translation>
    </message>
    <message>
        <source>Replay of</source>
        <translation>Wiederholung von</translation>
    </message>
    <message>
        <source>Replayed at</source>
        <translation>Wiederholt am</translation>
    </message>
</context>
<context>
    <name>sb::InboundRequestModel</name>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>processed</source>
        <translation>verarbeitet</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <source>not required</source>
        <translation>nicht erforderlich</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>accepted unverified</source>
        <translation>ungeprüft angenommen</translation>
    </message>
    <message>
        <source>no secret configured</source>
        <translation>kein Secret eingerichtet</translation>
    </message>
    <message>
        <source>invalid signature</source>
        <translation>ungültige Signatur</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>sb::InboundRequestsView</name>
    <message>
        <source>No inbound requests yet</source>
        <translation>Noch keine eingehenden Anfragen</translation>
    </message>
    <message>
        <source>Every request that reaches Switchboard&apos;s server appears here as it arrives, with its headers, body, signature check and the answer it got, including rejected ones. Point a provider&apos;s webhook at this server, or send a test request:</source>
        <translation>Jede Anfrage, die den Server von Switchboard erreicht, erscheint hier beim Eintreffen, mit Headern, Body, Signaturprüfung und der erhaltenen Antwort, auch abgewiesene. Richten Sie den Webhook eines Anbieters auf diesen Server aus oder senden Sie eine Testanfrage:</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read requests stored since the last update (F5)</source>
        <translation>Seit der letzten Aktualisierung gespeicherte Anfragen lesen (F5)</translation>
    </message>
    <message>
        <source>Could not read stored requests: %1</source>
        <translation>Gespeicherte Anfragen konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n request(s) · scroll for older</source>
        <translation>
            <numerusform>Neueste %n Anfrage · für ältere scrollen</numerusform>
            <numerusform>Neueste %n Anfragen · für ältere scrollen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>Der Server läuft nicht.</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Wird erneut abgespielt…</translation>
    </message>
    <message>
        <source>Replay failed: %1</source>
        <translation>Wiederholung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Replay of %1: %2 · HTTP %3. The original record is kept as it was.</source>
        <translation>Wiederholung von %1: %2 · HTTP %3. Der ursprüngliche Eintrag bleibt unverändert.</translation>
    </message>
    <message>
        <source>Search path, provider, event, status, client or id (Ctrl+F)</source>
        <translation>Pfad, Anbieter, Ereignis, Status, Client oder ID suchen (Strg+F)</translation>
    </message>
    <message numerus="yes">
        <source>%n matching so far · searching older requests…</source>
        <translation>
            <numerusform>%n Treffer bisher · ältere Anfragen werden durchsucht…</numerusform>
            <numerusform>%n Treffer bisher · ältere Anfragen werden durchsucht…</numerusform>
        </translation>
    </message>
    <message>
        <source>No requests match these filters</source>
        <translation>Keine Anfragen passen zu diesen Filtern</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n matching request(s) · scroll for older</source>
        <translation>
            <numerusform>Neueste %n passende Anfrage · für ältere scrollen</numerusform>
            <numerusform>Neueste %n passende Anfragen · für ältere scrollen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::LeadDetailPane</name>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>%1 of 100</source>
        <translation>%1 von 100</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Wie der Score entsteht</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change this lead&apos;s fields or status; a status change is kept in the status history</source>
        <translation>Felder oder Status dieses Leads ändern; eine Statusänderung wird im Statusverlauf festgehalten</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Memos</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktivitäten</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Bemerkungen</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>Qualified profile</source>
        <translation>Qualifiziertes Profil</translation>
    </message>
    <message>
        <source>Select a lead to see its contacts, memos, activities and status history.</source>
        <translation>Wählen Sie einen Lead, um Kontakte, Notizen, Aktivitäten und Statusverlauf zu sehen.</translation>
    </message>
    <message>
        <source>Could not read the lead: %1</source>
        <translation>Der Lead konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This lead no longer exists.</source>
        <translation>Dieser Lead existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Lead #%1</source>
        <translation>Lead Nr. %1</translation>
    </message>
    <message>
        <source>Lead #%1 · %2 · created %3</source>
        <translation>Lead Nr. %1 · %2 · erstellt %3</translation>
    </message>
    <message>
        <source>A discarded or converted lead is history and cannot be edited</source>
        <translation>Ein verworfener oder umgewandelter Lead ist abgeschlossen und kann nicht bearbeitet werden</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>Erwarteter Wert</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Discard reason</source>
        <translation>Grund für das Verwerfen</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1 (primary)</source>
        <translation>%1 (primär)</translation>
    </message>
    <message>
        <source>No qualified profile yet. The CRM sends one with lead_qualified_profile_update.</source>
        <translation>Noch kein qualifiziertes Profil. Das CRM sendet eines mit lead_qualified_profile_update.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
</context>
<context>
    <name>sb::LeadEditDialog</name>
    <message>
        <source>Edit lead #%1</source>
        <translation>Lead Nr. %1 bearbeiten</translation>
    </message>
    <message>
        <source>+15550100</source>
        <translation>+495550100</translation>
    </message>
    <message>
        <source>Why the status changes (kept in the status history)</source>
        <translation>Warum sich der Status ändert (wird im Statusverlauf festgehalten)</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>Erwarteter Wert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Bemerkungen</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>sb::LeadLabels</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifiziert</translation>
    </message>
    <message>
        <source>Proposal sent</source>
        <translation>Angebot gesendet</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Verhandlung</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Umgewandelt</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Soziale Medien</translation>
    </message>
    <message>
        <source>Cold call</source>
        <translation>Kaltakquise</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Laufkundschaft</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>Direkt</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>converted to customer</source>
        <translation>in Kunden umgewandelt</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>sb::LeadTableModel</name>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>Erwarteter Wert</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>sb::LeadsView</name>
    <message>
        <source>No leads yet</source>
        <translation>Noch keine Leads</translation>
    </message>
    <message>
        <source>Leads appear here as the CRM&apos;s webhooks create them (seed 002: /api/v1/webhooks/incoming/lead/create) and when an unknown sender texts or emails you. Configure CRM_WEBHOOK_SECRET in Settings, then send:</source>
        <translation>Leads erscheinen hier, sobald die Webhooks des CRM sie anlegen (Seed 002: /api/v1/webhooks/incoming/lead/create) und wenn ein unbekannter Absender eine SMS oder E-Mail schickt. Richten Sie CRM_WEBHOOK_SECRET in den Einstellungen ein und senden Sie dann:</translation>
    </message>
    <message>
        <source>Search name, company, phone or email (Ctrl+F)</source>
        <translation>Name, Firma, Telefon oder E-Mail suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the leads again (F5)</source>
        <translation>Die Leads neu lesen (F5)</translation>
    </message>
    <message>
        <source>Could not read the leads: %1</source>
        <translation>Die Leads konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No lead matches “%1”</source>
        <translation>Kein Lead passt zu „%1“</translation>
    </message>
    <message numerus="yes">
        <source>%n matching lead(s)</source>
        <translation>
            <numerusform>%n passender Lead</numerusform>
            <numerusform>%n passende Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n Lead</numerusform>
            <numerusform>%n Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>First %n lead(s) · scroll for more</source>
        <translation>
            <numerusform>Erster %n Lead · für weitere scrollen</numerusform>
            <numerusform>Erste %n Leads · für weitere scrollen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Inbound requests</source>
        <translation>Eingehende Anfragen</translation>
    </message>
    <message>
        <source>Inbound requests are unavailable</source>
        <translation>Eingehende Anfragen sind nicht verfügbar</translation>
    </message>
    <message>
        <source>The console could not open the database: %1</source>
        <translation>Die Konsole konnte die Datenbank nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Webhooks are unavailable</source>
        <translation>Webhooks sind nicht verfügbar</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>Deliveries are unavailable</source>
        <translation>Zustellungen sind nicht verfügbar</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <source>No public URL — see Settings</source>
        <translation>Keine öffentliche URL – siehe Einstellungen</translation>
    </message>
    <message>
        <source>Public URL: %1</source>
        <translation>Öffentliche URL: %1</translation>
    </message>
    <message>
        <source>URL policy: %1</source>
        <translation>URL-Richtlinie: %1</translation>
    </message>
    <message>
        <source>Outbound webhooks may call only public https targets</source>
        <translation>Ausgehende Webhooks dürfen nur öffentliche https-Ziele aufrufen</translation>
    </message>
    <message>
        <source>Outbound webhooks may call any http(s) target, including this machine; use strict on shared servers</source>
        <translation>Ausgehende Webhooks dürfen jedes http(s)-Ziel aufrufen, auch diesen Rechner; auf gemeinsam genutzten Servern „strict“ verwenden</translation>
    </message>
    <message>
        <source>⚠ Accepting unverified callbacks from: %1</source>
        <translation>⚠ Ungeprüft angenommen: %1</translation>
    </message>
    <message>
        <source>Started with --accept-unverified: these providers&apos; callbacks are applied without a signature check. Use this for local experiments only.</source>
        <translation>Mit --accept-unverified gestartet: Die Callbacks dieser Anbieter werden ohne Signaturprüfung übernommen. Nur für lokale Experimente verwenden.</translation>
    </message>
    <message>
        <source>Send test webhook…</source>
        <translation>Test-Webhook senden…</translation>
    </message>
    <message>
        <source>Sign and send a sample Twilio SMS, Mailgun email or ElevenLabs call to this console&apos;s own server (Ctrl+Shift+T)</source>
        <translation>Eine Beispiel-SMS (Twilio), -E-Mail (Mailgun) oder einen Beispielanruf (ElevenLabs) signieren und an den eigenen Server dieser Konsole senden (Strg+Umschalt+T)</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
</context>
<context>
    <name>sb::MessageNotifier</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Show Switchboard</source>
        <translation>Switchboard anzeigen</translation>
    </message>
    <message>
        <source>Open conversations</source>
        <translation>Unterhaltungen öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message>
        <source>New message from %1</source>
        <translation>Neue Nachricht von %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n neue Nachricht</numerusform>
            <numerusform>%n neue Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Conversations to read them.</source>
        <translation>Öffnen Sie die Unterhaltungen, um sie zu lesen.</translation>
    </message>
    <message>
        <source>Handover: a person is needed</source>
        <translation>Übergabe: Ein Mensch wird gebraucht</translation>
    </message>
    <message>
        <source>Handover for %1: a person is needed</source>
        <translation>Übergabe an %1: Ein Mensch wird gebraucht</translation>
    </message>
    <message>
        <source>Open Conversations to take them over.</source>
        <translation>Öffnen Sie die Unterhaltungen, um sie zu übernehmen.</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) need a person</source>
        <translation>
            <numerusform>%n Unterhaltung braucht einen Menschen</numerusform>
            <numerusform>%n Unterhaltungen brauchen einen Menschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Task due</source>
        <translation>Aufgabe fällig</translation>
    </message>
    <message>
        <source>Task due: %1</source>
        <translation>Aufgabe fällig: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) due</source>
        <translation>
            <numerusform>%n Aufgabe fällig</numerusform>
            <numerusform>%n Aufgaben fällig</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the Dashboard to see them.</source>
        <translation>Öffnen Sie das Dashboard, um sie zu sehen.</translation>
    </message>
</context>
<context>
    <name>sb::MessageThreadView</name>
    <message>
        <source>No conversation selected</source>
        <translation>Keine Unterhaltung ausgewählt</translation>
    </message>
    <message>
        <source>Select a thread on the left to read it.</source>
        <translation>Wählen Sie links eine Unterhaltung, um sie zu lesen.</translation>
    </message>
    <message>
        <source>Lead #%1</source>
        <translation>Lead Nr. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n Anruf</numerusform>
            <numerusform>%n Anrufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the conversation: %1</source>
        <translation>Die Unterhaltung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Ausgehender Anruf</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Eingehender Anruf</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation>Aufnahme abspielen</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <source>Showing the latest %1 entries.</source>
        <translation>Die letzten %1 Einträge werden angezeigt.</translation>
    </message>
    <message>
        <source>No messages in this thread yet.</source>
        <translation>Noch keine Nachrichten in dieser Unterhaltung.</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>negativ</translation>
    </message>
    <message>
        <source>Sentiment: %1</source>
        <translation>Stimmung: %1</translation>
    </message>
    <message>
        <source>Action items: %1</source>
        <translation>Aufgaben: %1</translation>
    </message>
</context>
<context>
    <name>sb::NgrokDetector</name>
    <message>
        <source>No ngrok agent answers on %1. Start one with: ngrok http %2</source>
        <translation>Auf %1 antwortet kein ngrok-Agent. Starten Sie einen mit: ngrok http %2</translation>
    </message>
    <message>
        <source>The ngrok agent could not be asked: %1</source>
        <translation>Der ngrok-Agent konnte nicht abgefragt werden: %1</translation>
    </message>
    <message>
        <source>ngrok runs but has no https tunnel. Start one with: ngrok http %1</source>
        <translation>ngrok läuft, hat aber keinen https-Tunnel. Starten Sie einen mit: ngrok http %1</translation>
    </message>
</context>
<context>
    <name>sb::PayloadText</name>
    <message>
        <source>No body</source>
        <translation>Kein Body</translation>
    </message>
    <message>
        <source>JSON · %1</source>
        <translation>JSON · %1</translation>
    </message>
    <message>
        <source>Form data · %1</source>
        <translation>Formulardaten · %1</translation>
    </message>
    <message>
        <source>Text · %1</source>
        <translation>Text · %1</translation>
    </message>
    <message>
        <source>Binary · %1 · first %2 shown as hex</source>
        <translation>Binär · %1 · die ersten %2 als Hex angezeigt</translation>
    </message>
    <message>
        <source>Binary · %1 · shown as hex</source>
        <translation>Binär · %1 · als Hex angezeigt</translation>
    </message>
</context>
<context>
    <name>sb::PreferencesPage</name>
    <message>
        <source>Appearance and language</source>
        <translation>Darstellung und Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>The language changes when Switchboard is restarted.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Switchboard.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Dem System folgen</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Notify me when a new SMS or email arrives</source>
        <translation>Benachrichtigen, wenn eine neue SMS oder E-Mail eintrifft</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
</context>
<context>
    <name>sb::ProviderEndpoints</name>
    <message>
        <source>Messaging webhook (A message comes in)</source>
        <translation>Messaging-Webhook („A message comes in“)</translation>
    </message>
    <message>
        <source>Incoming SMS (alternative path)</source>
        <translation>Eingehende SMS (alternativer Pfad)</translation>
    </message>
    <message>
        <source>SMS status callback</source>
        <translation>SMS-Status-Callback</translation>
    </message>
    <message>
        <source>Call status callback</source>
        <translation>Anrufstatus-Callback</translation>
    </message>
    <message>
        <source>Recording status callback</source>
        <translation>Aufnahmestatus-Callback</translation>
    </message>
    <message>
        <source>Inbound route (forward)</source>
        <translation>Eingehende Route (forward)</translation>
    </message>
    <message>
        <source>Event webhooks (delivered, failed, …)</source>
        <translation>Ereignis-Webhooks (delivered, failed, …)</translation>
    </message>
    <message>
        <source>Messaging and voice callbacks</source>
        <translation>Messaging- und Sprach-Callbacks</translation>
    </message>
    <message>
        <source>General webhook</source>
        <translation>Allgemeiner Webhook</translation>
    </message>
    <message>
        <source>Post-call webhook</source>
        <translation>Post-Call-Webhook</translation>
    </message>
    <message>
        <source>Conversation events</source>
        <translation>Gesprächsereignisse</translation>
    </message>
    <message>
        <source>Conversation initiation (client data)</source>
        <translation>Gesprächsbeginn (Client-Daten)</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Campaign trigger</source>
        <translation>Kampagnen-Auslöser</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Any JSON, for trying things out</source>
        <translation>Beliebiges JSON, zum Ausprobieren</translation>
    </message>
    <message>
        <source>Generic router (event in the body)</source>
        <translation>Allgemeiner Router (Ereignis im Body)</translation>
    </message>
</context>
<context>
    <name>sb::RetryEditor</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>× </source>
        <translation>× </translation>
    </message>
    <message>
        <source>Attempts (including the first)</source>
        <translation>Versuche (einschließlich des ersten)</translation>
    </message>
    <message>
        <source>First retry after</source>
        <translation>Erste Wiederholung nach</translation>
    </message>
    <message>
        <source>Each further delay</source>
        <translation>Jede weitere Wartezeit</translation>
    </message>
    <message>
        <source>Longest delay</source>
        <translation>Längste Wartezeit</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>One attempt only: a failed delivery is not retried.</source>
        <translation>Nur ein Versuch: Eine fehlgeschlagene Zustellung wird nicht wiederholt.</translation>
    </message>
    <message>
        <source>Retries after %1 — gives up %2 after the first attempt (each delay ±20% jitter).</source>
        <translation>Wiederholungen nach %1 – gibt %2 nach dem ersten Versuch auf (jede Wartezeit ±20 % Streuung).</translation>
    </message>
</context>
<context>
    <name>sb::SecretsPage</name>
    <message>
        <source>Every webhook family needs its secret: without it callbacks are answered 401 and recorded, so they can be replayed from Inbound requests once the secret is set. Environment variables of the same name override what is saved here.</source>
        <translation>Jede Webhook-Familie braucht ihr Secret: Ohne es werden Callbacks mit 401 beantwortet und aufgezeichnet, sodass sie unter „Eingehende Anfragen“ erneut abgespielt werden können, sobald das Secret gesetzt ist. Gleichnamige Umgebungsvariablen haben Vorrang vor dem hier Gespeicherten.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation>Secret zeigen oder verbergen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>from the environment</source>
        <translation>aus der Umgebung</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>missing — callbacks are refused</source>
        <translation>fehlt – Callbacks werden abgewiesen</translation>
    </message>
    <message>
        <source>not set (optional)</source>
        <translation>nicht gesetzt (optional)</translation>
    </message>
    <message>
        <source>not saved: %1</source>
        <translation>nicht gespeichert: %1</translation>
    </message>
    <message>
        <source> · saved</source>
        <translation> · gespeichert</translation>
    </message>
</context>
<context>
    <name>sb::SendTestWebhookDialog</name>
    <message>
        <source>Send test webhook</source>
        <translation>Test-Webhook senden</translation>
    </message>
    <message>
        <source>Sends a realistic provider callback, signed with the secret configured here, to this console&apos;s own server. It is verified, recorded and applied like a real one: watch it arrive in Inbound requests, Conversations and Leads.</source>
        <translation>Sendet einen realistischen Anbieter-Callback, signiert mit dem hier eingerichteten Secret, an den eigenen Server dieser Konsole. Er wird wie ein echter geprüft, aufgezeichnet und angewendet: Sehen Sie ihn unter Eingehende Anfragen, Unterhaltungen und Leads ankommen.</translation>
    </message>
    <message>
        <source>Twilio — incoming SMS</source>
        <translation>Twilio — eingehende SMS</translation>
    </message>
    <message>
        <source>Mailgun — inbound email</source>
        <translation>Mailgun — eingehende E-Mail</translation>
    </message>
    <message>
        <source>ElevenLabs — post-call transcript</source>
        <translation>ElevenLabs — Gesprächsprotokoll nach dem Anruf</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Nachricht:</translation>
    </message>
    <message>
        <source>The server&apos;s answer appears here.</source>
        <translation>Hier erscheint die Antwort des Servers.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Show request</source>
        <translation>Anfrage zeigen</translation>
    </message>
    <message>
        <source>Open the recorded request in Inbound requests</source>
        <translation>Die aufgezeichnete Anfrage unter Eingehende Anfragen öffnen</translation>
    </message>
    <message>
        <source>Show conversations</source>
        <translation>Unterhaltungen zeigen</translation>
    </message>
    <message>
        <source>From address:</source>
        <translation>Absenderadresse:</translation>
    </message>
    <message>
        <source>From number:</source>
        <translation>Absendernummer:</translation>
    </message>
    <message>
        <source>✔ Signed with %1, as the provider signs it.</source>
        <translation>✔ Mit %1 signiert, so wie der Anbieter signiert.</translation>
    </message>
    <message>
        <source>%1 is not set: the request goes out unsigned, and this server accepts it unverified (--accept-unverified).</source>
        <translation>%1 ist nicht gesetzt: Die Anfrage geht unsigniert hinaus, und dieser Server nimmt sie ungeprüft an (--accept-unverified).</translation>
    </message>
    <message>
        <source>⚠ %1 is not set: the request goes out unsigned and the server refuses it (401, recorded as &quot;no secret configured&quot;). Set the secret in Settings → Provider secrets, then use Replay in Inbound requests to run the recorded request again.</source>
        <translation>⚠ %1 ist nicht gesetzt: Die Anfrage geht unsigniert hinaus und der Server lehnt sie ab (401, aufgezeichnet als „kein Secret eingerichtet“). Richten Sie das Secret unter Einstellungen → Anbieter-Secrets ein und spielen Sie die aufgezeichnete Anfrage dann unter „Eingehende Anfragen“ mit „Erneut abspielen“ noch einmal ab.</translation>
    </message>
    <message>
        <source>POST %1%2</source>
        <translation>POST %1%2</translation>
    </message>
    <message>
        <source>POST %1%2 — signed for %3%2, the public URL</source>
        <translation>POST %1%2 — signiert für %3%2, die öffentliche URL</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d93f3f&apos;&gt;No answer&lt;/b&gt; — %1</source>
        <translation>&lt;b style=&apos;color:#d93f3f&apos;&gt;Keine Antwort&lt;/b&gt; — %1</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:%1&apos;&gt;HTTP %2&lt;/b&gt; in %3 ms</source>
        <translation>&lt;b style=&apos;color:%1&apos;&gt;HTTP %2&lt;/b&gt; in %3 ms</translation>
    </message>
    <message>
        <source>Recorded as %1 (%2) — %3</source>
        <translation>Aufgezeichnet als %1 (%2) — %3</translation>
    </message>
    <message>
        <source>Use a test secret for this session</source>
        <translation>Für diese Sitzung ein Test-Secret verwenden</translation>
    </message>
    <message>
        <source>Sets a generated value in memory only, so the sample verifies without a provider account. It is not saved and is gone after a restart; real callbacks need the provider&apos;s secret under Settings → Provider secrets.</source>
        <translation>Setzt einen erzeugten Wert nur im Arbeitsspeicher, damit das Beispiel ohne Anbieterkonto geprüft werden kann. Er wird nicht gespeichert und ist nach einem Neustart weg; echte Callbacks brauchen das Secret des Anbieters unter Einstellungen → Anbieter-Secrets.</translation>
    </message>
</context>
<context>
    <name>sb::ServerSettingsPage</name>
    <message>
        <source>Found the ngrok tunnel %1. Save to use it.</source>
        <translation>ngrok-Tunnel %1 gefunden. Speichern, um ihn zu verwenden.</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>Server-Adresse</translation>
    </message>
    <message>
        <source>Restart server</source>
        <translation>Server neu starten</translation>
    </message>
    <message>
        <source>HOST:PORT the embedded server binds. 127.0.0.1 keeps it on this machine (a tunnel such as ngrok reaches it there); 0.0.0.0 opens it to the network. The server restarts at once; the database and the delivery queue keep running.</source>
        <translation>HOST:PORT, an den der eingebaute Server bindet. 127.0.0.1 hält ihn auf diesem Rechner (ein Tunnel wie ngrok erreicht ihn dort); 0.0.0.0 öffnet ihn für das Netzwerk. Der Server startet sofort neu; Datenbank und Zustell-Warteschlange laufen weiter.</translation>
    </message>
    <message>
        <source>Public URL</source>
        <translation>Öffentliche URL</translation>
    </message>
    <message>
        <source>Detect ngrok</source>
        <translation>ngrok erkennen</translation>
    </message>
    <message>
        <source>Ask the local ngrok agent (http://127.0.0.1:4040) for its https tunnel</source>
        <translation>Den lokalen ngrok-Agenten (http://127.0.0.1:4040) nach seinem https-Tunnel fragen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>The address providers call. Signatures (Twilio, SignalWire) are computed over it, so it must match what you paste into the provider&apos;s console exactly. While it is set, the local tunnel agent is a trusted proxy: its X-Forwarded-For names the client for the rate limit.</source>
        <translation>Die Adresse, die Anbieter aufrufen. Signaturen (Twilio, SignalWire) werden darüber berechnet, sie muss also genau dem entsprechen, was Sie in der Konsole des Anbieters eintragen. Solange sie gesetzt ist, gilt der lokale Tunnel-Agent als vertrauenswürdiger Proxy: sein X-Forwarded-For bestimmt den Client für die Ratenbegrenzung.</translation>
    </message>
    <message>
        <source>Trusted proxies: none (set with --trusted-proxy).</source>
        <translation>Vertrauenswürdige Proxys: keine (mit --trusted-proxy festgelegt).</translation>
    </message>
    <message>
        <source>Trusted proxies: %1 (set with --trusted-proxy).</source>
        <translation>Vertrauenswürdige Proxys: %1 (mit --trusted-proxy festgelegt).</translation>
    </message>
    <message>
        <source>Trusted proxies: %1, the local tunnel agent, because a public URL is set.</source>
        <translation>Vertrauenswürdige Proxys: %1, der lokale Tunnel-Agent, weil eine öffentliche URL gesetzt ist.</translation>
    </message>
    <message>
        <source>Trusted proxies: none. X-Forwarded-For does not name the client until a public URL or --trusted-proxy is set; a local tunnel's forwarded scheme and host still decide the URL signatures are checked against.</source>
        <translation>Vertrauenswürdige Proxys: keine. X-Forwarded-For benennt den Client erst, wenn eine öffentliche URL oder --trusted-proxy gesetzt ist; Schema und Host, die ein lokaler Tunnel weiterleitet, bestimmen weiterhin die URL, gegen die Signaturen geprüft werden.</translation>
    </message>
    <message>
        <source>Outbound URL policy</source>
        <translation>URL-Richtlinie für ausgehende Aufrufe</translation>
    </message>
    <message>
        <source>dev — any http(s) target, including localhost</source>
        <translation>dev – jedes http(s)-Ziel, auch localhost</translation>
    </message>
    <message>
        <source>strict — https only, no private or loopback addresses</source>
        <translation>strict – nur https, keine privaten oder Loopback-Adressen</translation>
    </message>
    <message>
        <source>In effect now: %1</source>
        <translation>Derzeit wirksam: %1</translation>
    </message>
    <message>
        <source>Saved. Switchboard uses “%1” after a restart (now: %2).</source>
        <translation>Gespeichert. Switchboard verwendet „%1“ nach einem Neustart (jetzt: %2).</translation>
    </message>
    <message>
        <source>Which webhook targets the dispatcher may call. Strict refuses targets that resolve to private networks (SSRF protection) — use it on shared servers.</source>
        <translation>Welche Webhook-Ziele der Dispatcher aufrufen darf. „strict“ weist Ziele ab, die in private Netze auflösen (SSRF-Schutz) – auf gemeinsam genutzten Servern verwenden.</translation>
    </message>
    <message>
        <source>Not a listen address: %1</source>
        <translation>Keine gültige Server-Adresse: %1</translation>
    </message>
    <message>
        <source>The server could not listen there (%1); it still listens on %2.</source>
        <translation>Der Server konnte diese Adresse nicht belegen (%1); er ist weiterhin unter %2 erreichbar.</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <source>Enter a full URL such as https://abc123.ngrok-free.app</source>
        <translation>Geben Sie eine vollständige URL ein, etwa https://abc123.ngrok-free.app</translation>
    </message>
    <message>
        <source>Saved: no public URL.</source>
        <translation>Gespeichert: keine öffentliche URL.</translation>
    </message>
    <message>
        <source>Saved. Providers reach Switchboard at %1</source>
        <translation>Gespeichert. Anbieter erreichen Switchboard unter %1</translation>
    </message>
    <message>
        <source>Asking the ngrok agent…</source>
        <translation>ngrok-Agent wird gefragt…</translation>
    </message>
</context>
<context>
    <name>sb::SettingsView</name>
    <message>
        <source>Server and tunnel</source>
        <translation>Server und Tunnel</translation>
    </message>
    <message>
        <source>Provider endpoints</source>
        <translation>Anbieter-Endpunkte</translation>
    </message>
    <message>
        <source>Provider secrets</source>
        <translation>Anbieter-Secrets</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Präferenzen</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Aufzeichnungen</translation>
    </message>
</context>
<context>
    <name>sb::WebhookConfigDialog</name>
    <message>
        <source>New webhook</source>
        <translation>Neuer Webhook</translation>
    </message>
    <message>
        <source>Edit webhook “%1”</source>
        <translation>Webhook „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Events and filters</source>
        <translation>Ereignisse und Filter</translation>
    </message>
    <message>
        <source>Signing and headers</source>
        <translation>Signatur und Header</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>e.g. CRM sync</source>
        <translation>z. B. CRM-Sync</translation>
    </message>
    <message>
        <source>Enabled — deliver matching events</source>
        <translation>Aktiviert – passende Ereignisse zustellen</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> failed deliveries in a row</source>
        <translation> fehlgeschlagene Zustellungen in Folge</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Target URL</source>
        <translation>Ziel-URL</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Disabled automatically: %1. Saving with “Enabled” checked resumes deliveries.</source>
        <translation>Automatisch deaktiviert: %1. Speichern mit aktiviertem „Aktiviert“ setzt die Zustellungen fort.</translation>
    </message>
    <message>
        <source>Timeout per attempt</source>
        <translation>Zeitlimit pro Versuch</translation>
    </message>
    <message>
        <source>Disable after</source>
        <translation>Deaktivieren nach</translation>
    </message>
    <message>
        <source>any campaign — or ids separated by commas</source>
        <translation>jede Kampagne – oder IDs, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>any outcome — or values separated by commas, e.g. interested, callback</source>
        <translation>jedes Ergebnis – oder Werte, durch Kommas getrennt, z. B. interested, callback</translation>
    </message>
    <message>
        <source>Only deliver events whose payload matches</source>
        <translation>Nur Ereignisse zustellen, deren Payload passt</translation>
    </message>
    <message>
        <source>Campaign ids</source>
        <translation>Kampagnen-IDs</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>The receiver checks X-Webhook-Signature (HMAC-SHA256 of the body) with this secret.</source>
        <translation>Der Empfänger prüft X-Webhook-Signature (HMAC-SHA256 des Bodys) mit diesem Secret.</translation>
    </message>
    <message>
        <source>Changing the secret rotates it: the previous one stays valid for 24 hours so the receiver can switch over.</source>
        <translation>Ein geändertes Secret wird rotiert: Das vorherige bleibt 24 Stunden gültig, damit der Empfänger umstellen kann.</translation>
    </message>
    <message>
        <source>Custom headers sent with every delivery</source>
        <translation>Eigene Header, die mit jeder Zustellung gesendet werden</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Signatur-Secret</translation>
    </message>
    <message>
        <source>Pick at least one event type on the “Events and filters” tab.</source>
        <translation>Wählen Sie im Reiter „Ereignisse und Filter“ mindestens einen Ereignistyp.</translation>
    </message>
    <message>
        <source>Plain http: the payload travels unencrypted. Prefer https.</source>
        <translation>Einfaches http: Die Payload wird unverschlüsselt übertragen. Besser https verwenden.</translation>
    </message>
    <message>
        <source>Deliveries are POSTed here with a JSON body; redirects are not followed.</source>
        <translation>Zustellungen werden per POST mit JSON-Body hierher gesendet; Weiterleitungen werden nicht verfolgt.</translation>
    </message>
    <message>
        <source>This webhook was deleted meanwhile.</source>
        <translation>Dieser Webhook wurde inzwischen gelöscht.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Konnte nicht speichern: %1</translation>
    </message>
</context>
<context>
    <name>sb::WebhookConfigModel</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>disabled: %1</source>
        <translation>deaktiviert: %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>%1, %2 +%3</source>
        <translation>%1, %2 +%3</translation>
    </message>
    <message>
        <source>no deliveries</source>
        <translation>keine Zustellungen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 delivered, %2 failed among the latest %3 deliveries (tests excluded)</source>
        <translation>%1 zugestellt, %2 fehlgeschlagen unter den letzten %3 Zustellungen (ohne Tests)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Target URL</source>
        <translation>Ziel-URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation>Letzte Zustellung</translation>
    </message>
</context>
<context>
    <name>sb::WebhooksView</name>
    <message>
        <source>No webhooks yet</source>
        <translation>Noch keine Webhooks</translation>
    </message>
    <message>
        <source>A webhook sends Switchboard&apos;s events — new leads, messages, calls, conversations — to another system as signed JSON POSTs, with retries. Press “New webhook” to add the first one, then “Send test” to see what the receiver answers.</source>
        <translation>Ein Webhook sendet die Ereignisse von Switchboard – neue Leads, Nachrichten, Anrufe, Gespräche – als signierte JSON-POSTs mit Wiederholungen an ein anderes System. Drücken Sie „Neuer Webhook“, um den ersten anzulegen, und dann „Test senden“, um zu sehen, was der Empfänger antwortet.</translation>
    </message>
    <message>
        <source>New webhook…</source>
        <translation>Neuer Webhook…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Show deliveries</source>
        <translation>Zustellungen zeigen</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Send test</source>
        <translation>Test senden</translation>
    </message>
    <message>
        <source>POST a signed sample event to this webhook now, once, without retries</source>
        <translation>Jetzt einmal ein signiertes Beispielereignis an diesen Webhook senden, ohne Wiederholungen</translation>
    </message>
    <message>
        <source>Sends a sample event marked &quot;test&quot;: true and shows what the receiver answers.</source>
        <translation>Sendet ein Beispielereignis mit &quot;test&quot;: true und zeigt, was der Empfänger antwortet.</translation>
    </message>
    <message>
        <source>The response body appears here.</source>
        <translation>Der Body der Antwort erscheint hier.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Select a webhook to see its settings and send it a test event.</source>
        <translation>Wählen Sie einen Webhook, um seine Einstellungen zu sehen und ihm ein Testereignis zu senden.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>none — every matching event</source>
        <translation>keine – jedes passende Ereignis</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Fehler in Folge</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s)</source>
        <translation>
            <numerusform>%n Webhook</numerusform>
            <numerusform>%n Webhooks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active</source>
        <translation>
            <numerusform>%n aktiv</numerusform>
            <numerusform>%n aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Webhook löschen</translation>
    </message>
    <message>
        <source>Delete “%1”? Events stop going to %2. Its delivery log is kept.</source>
        <translation>„%1“ löschen? Ereignisse gehen dann nicht mehr an %2. Das Zustellprotokoll bleibt erhalten.</translation>
    </message>
    <message>
        <source>Sending %1 to %2…</source>
        <translation>%1 wird an %2 gesendet…</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>No answer after %1 ms</source>
        <translation>Keine Antwort nach %1 ms</translation>
    </message>
    <message>
        <source>HTTP %1 · %2 ms</source>
        <translation>HTTP %1 · %2 ms</translation>
    </message>
</context>
<context>
    <name>sb::detail</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>sb::display</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
</context>
<context>
    <name>sb::AiSettingsPage</name>
    <message>
        <source>Other OpenAI-compatible server</source>
        <translation>Anderer OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source> calls per minute</source>
        <translation> Aufrufe pro Minute</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Sends one tiny request with the settings in this form</source>
        <translation>Sendet eine winzige Anfrage mit den Einstellungen in diesem Formular</translation>
    </message>
    <message>
        <source>Drafts replies in Conversations with an OpenAI-compatible chat completions endpoint: OpenAI, OpenRouter or a local server. Only the thread and the lead&apos;s name and status are sent.</source>
        <translation>Entwirft Antworten in Unterhaltungen mit einem OpenAI-kompatiblen Chat-Completions-Endpunkt: OpenAI, OpenRouter oder ein lokaler Server. Gesendet werden nur der Verlauf sowie Name und Status des Leads.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>No key: only a server on this machine works without one.</source>
        <translation>Kein Schlüssel: Nur ein Server auf diesem Rechner funktioniert ohne.</translation>
    </message>
    <message>
        <source>Key from the environment; a key saved here takes its place.</source>
        <translation>Schlüssel aus der Umgebung; ein hier gespeicherter Schlüssel ersetzt ihn.</translation>
    </message>
    <message>
        <source>Key stored encrypted; leave the field empty to keep it.</source>
        <translation>Schlüssel verschlüsselt gespeichert; Feld leer lassen, um ihn zu behalten.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Fill in the base URL, the model and the API key first.</source>
        <translation>Zuerst Basis-URL, Modell und API-Schlüssel ausfüllen.</translation>
    </message>
    <message>
        <source>Over %1 AI calls per minute; try again in %2 s</source>
        <translation>Mehr als %1 KI-Aufrufe pro Minute; in %2 s erneut versuchen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message>
        <source>%1 answered with %2 in %3 ms: %4</source>
        <translation>%1 antwortete mit %2 in %3 ms: %4</translation>
    </message>
    <message>
        <source>Drafts replies in Conversations with an OpenAI-compatible chat completions endpoint: OpenAI, OpenRouter or a local server. Only the thread and the lead&apos;s name and status are sent. Call recordings without a transcript are sent to its audio transcriptions endpoint (files up to 25 MB).</source>
        <translation>Entwirft Antworten in Unterhaltungen mit einem OpenAI-kompatiblen Chat-Completions-Endpunkt: OpenAI, OpenRouter oder ein lokaler Server. Gesendet werden nur der Verlauf sowie Name und Status des Leads. Anrufaufnahmen ohne Transkript werden an dessen Endpunkt für Audio-Transkriptionen gesendet (Dateien bis 25 MB).</translation>
    </message>
    <message>
        <source>Transcribes call recordings without a transcript (files up to 25 MB)</source>
        <translation>Transkribiert Anrufaufnahmen ohne Transkript (Dateien bis 25 MB)</translation>
    </message>
    <message>
        <source>Transcription model</source>
        <translation>Transkriptionsmodell</translation>
    </message>
</context>
<context>
    <name>sb::CampaignAnalyticsPanel</name>
    <message>
        <source>No analytics yet</source>
        <translation>Noch keine Auswertung</translation>
    </message>
    <message>
        <source>Analytics appear once the campaign starts: the funnel from sent to replied, rates and the response by hour of day.</source>
        <translation>Die Auswertung erscheint, sobald die Kampagne startet: der Trichter von gesendet bis beantwortet, die Quoten und die Antworten nach Tageszeit.</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>Trichter</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Clicked</source>
        <translation>Geklickt</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>Still queued</source>
        <translation>Noch in der Warteschlange</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Skipped (do not contact)</source>
        <translation>Übersprungen (nicht kontaktieren)</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Quoten</translation>
    </message>
    <message>
        <source>Delivered (of sent)</source>
        <translation>Zugestellt (von gesendet)</translation>
    </message>
    <message>
        <source>Opened (of delivered)</source>
        <translation>Geöffnet (von zugestellt)</translation>
    </message>
    <message>
        <source>Clicked (of delivered)</source>
        <translation>Geklickt (von zugestellt)</translation>
    </message>
    <message>
        <source>Replied (of sent)</source>
        <translation>Beantwortet (von gesendet)</translation>
    </message>
    <message>
        <source>Sends and response rate by hour of day</source>
        <translation>Sendungen und Antwortquote nach Tageszeit</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitverlauf</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>No campaign selected</source>
        <translation>Keine Kampagne ausgewählt</translation>
    </message>
    <message>
        <source>Could not read the analytics: %1</source>
        <translation>Die Auswertung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Campaign %1 not found</source>
        <translation>Kampagne %1 nicht gefunden</translation>
    </message>
    <message>
        <source>No recipients: the audience matched no lead</source>
        <translation>Keine Empfänger: Die Zielgruppe trifft auf keinen Lead zu</translation>
    </message>
    <message>
        <source>Scheduled: not started yet</source>
        <translation>Geplant: noch nicht gestartet</translation>
    </message>
    <message>
        <source>Draft: not started yet</source>
        <translation>Entwurf: noch nicht gestartet</translation>
    </message>
    <message>
        <source>Running: updates live · hours in %1</source>
        <translation>Läuft: aktualisiert sich live · Stunden in %1</translation>
    </message>
    <message>
        <source>Paused: updates live · hours in %1</source>
        <translation>Pausiert: aktualisiert sich live · Stunden in %1</translation>
    </message>
    <message>
        <source>Cancelled · hours in %1</source>
        <translation>Abgebrochen · Stunden in %1</translation>
    </message>
    <message>
        <source>Completed · hours in %1</source>
        <translation>Abgeschlossen · Stunden in %1</translation>
    </message>
</context>
<context>
    <name>sb::CampaignContentDialog</name>
    <message>
        <source>Write with AI</source>
        <translation>Mit KI schreiben</translation>
    </message>
    <message>
        <source>What is the campaign about? Offer, audience, call to action, anything the message must say.</source>
        <translation>Worum geht es in der Kampagne? Angebot, Zielgruppe, Handlungsaufforderung, alles, was die Nachricht sagen muss.</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>e.g. friendly, formal, playful (optional)</source>
        <translation>z. B. freundlich, förmlich, verspielt (optional)</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>Tonfall</translation>
    </message>
    <message>
        <source>Configure AI in Settings → AI to write campaign content</source>
        <translation>KI unter Einstellungen → KI einrichten, um Kampagnentexte zu schreiben</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Schreibe…</translation>
    </message>
    <message>
        <source>Written by %1: pick one with Use this</source>
        <translation>Geschrieben von %1: eine mit „Diese verwenden“ auswählen</translation>
    </message>
    <message>
        <source>Too many AI calls: try again in %1 s</source>
        <translation>Zu viele KI-Aufrufe: in %1 s erneut versuchen</translation>
    </message>
    <message>
        <source>The AI&apos;s answer was not usable: %1</source>
        <translation>Die Antwort der KI war nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The AI call failed</source>
        <translation>Der KI-Aufruf ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>Variante %1</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 von %2 Zeichen</translation>
    </message>
    <message>
        <source>Use this</source>
        <translation>Diese verwenden</translation>
    </message>
</context>
<context>
    <name>sb::CampaignHourChart</name>
    <message>
        <source>response rate</source>
        <translation>Antwortquote</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>Nothing sent yet</source>
        <translation>Noch nichts gesendet</translation>
    </message>
    <message>
        <source>%1:00–%1:59: %2 sent, %3 replied (%4)</source>
        <translation>%1:00–%1:59: %2 gesendet, %3 beantwortet (%4)</translation>
    </message>
</context>
<context>
    <name>sb::ReplyComposer</name>
    <message>
        <source>Settings → Channels…</source>
        <translation>Einstellungen → Kanäle…</translation>
    </message>
    <message>
        <source>Team chat</source>
        <translation>Team-Chat</translation>
    </message>
    <message>
        <source>Post to the team&apos;s Slack, Microsoft Teams or Discord channel about this lead (not sent to the lead)</source>
        <translation>Im Slack-, Microsoft-Teams- oder Discord-Kanal des Teams über diesen Lead posten (geht nicht an den Lead)</translation>
    </message>
    <message>
        <source>Channel to reply on</source>
        <translation>Kanal für die Antwort</translation>
    </message>
    <message>
        <source>Service that sends the message</source>
        <translation>Dienst, der die Nachricht sendet</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Write a reply…  (Ctrl+Enter sends)</source>
        <translation>Antwort schreiben…  (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Draft reply</source>
        <translation>Antwort entwerfen</translation>
    </message>
    <message>
        <source>Draft the next reply with AI from this thread (nothing is sent)</source>
        <translation>Die nächste Antwort mit KI aus diesem Verlauf entwerfen (es wird nichts gesendet)</translation>
    </message>
    <message>
        <source>Configure AI in Settings → AI to draft replies</source>
        <translation>KI unter Einstellungen → KI einrichten, um Antworten zu entwerfen</translation>
    </message>
    <message>
        <source>Unicode (UCS-2)</source>
        <translation>Unicode (UCS-2)</translation>
    </message>
    <message>
        <source>1 segment</source>
        <translation>1 Segment</translation>
    </message>
    <message>
        <source>%1 segments</source>
        <translation>%1 Segmente</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 übrig</translation>
    </message>
    <message>
        <source>Drafting…</source>
        <translation>Entwerfe…</translation>
    </message>
    <message>
        <source>The draft failed</source>
        <translation>Der Entwurf ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>AI draft (%1)</source>
        <translation>KI-Entwurf (%1)</translation>
    </message>
    <message>
        <source>Could not read the lead and services: %1</source>
        <translation>Lead und Dienste konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (environment)</source>
        <translation>%1 (Umgebung)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No public URL: delivery receipts will not arrive.</source>
        <translation>Keine öffentliche URL: Zustellbestätigungen kommen nicht an.</translation>
    </message>
    <message>
        <source>Set a public URL under Settings → Server and tunnel so providers can report delivery.</source>
        <translation>Eine öffentliche URL unter Einstellungen → Server und Tunnel festlegen, damit Anbieter die Zustellung melden können.</translation>
    </message>
    <message>
        <source>This lead is marked do not contact. Nothing can be sent to them.</source>
        <translation>Dieser Lead ist als „nicht kontaktieren“ markiert. Es kann nichts an ihn gesendet werden.</translation>
    </message>
    <message>
        <source>This lead is marked do not contact (%1). Nothing can be sent to them.</source>
        <translation>Dieser Lead ist als „nicht kontaktieren“ markiert (%1). Es kann nichts an ihn gesendet werden.</translation>
    </message>
    <message>
        <source>No SMS or email service is configured. Add a Twilio, Vonage or Amazon SNS service for SMS, or SendGrid, Mailgun or Amazon SES for email, under Settings → Channels.</source>
        <translation>Kein SMS- oder E-Mail-Dienst eingerichtet. Unter Einstellungen → Kanäle einen Twilio-, Vonage- oder Amazon-SNS-Dienst für SMS oder SendGrid, Mailgun oder Amazon SES für E-Mail hinzufügen.</translation>
    </message>
    <message>
        <source>No email service is configured. Add SendGrid, Mailgun or Amazon SES under Settings → Channels.</source>
        <translation>Kein E-Mail-Dienst eingerichtet. SendGrid, Mailgun oder Amazon SES unter Einstellungen → Kanäle hinzufügen.</translation>
    </message>
    <message>
        <source>No team chat service is configured. Add Slack, Microsoft Teams or Discord under Settings → Channels.</source>
        <translation>Kein Team-Chat-Dienst eingerichtet. Slack, Microsoft Teams oder Discord unter Einstellungen → Kanäle hinzufügen.</translation>
    </message>
    <message>
        <source>No SMS service is configured. Add Twilio, Vonage or Amazon SNS under Settings → Channels.</source>
        <translation>Kein SMS-Dienst eingerichtet. Twilio, Vonage oder Amazon SNS unter Einstellungen → Kanäle hinzufügen.</translation>
    </message>
    <message>
        <source>Posts to the team&apos;s channel about this lead; the lead does not receive it.</source>
        <translation>Postet im Kanal des Teams über diesen Lead; der Lead erhält es nicht.</translation>
    </message>
    <message>
        <source>This lead has no email address.</source>
        <translation>Dieser Lead hat keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>This lead has no phone number.</source>
        <translation>Dieser Lead hat keine Telefonnummer.</translation>
    </message>
    <message>
        <source>Queuing…</source>
        <translation>Wird eingereiht…</translation>
    </message>
    <message>
        <source>Queued.</source>
        <translation>Eingereiht.</translation>
    </message>
</context>
<context>
    <name>sb::IntelligencePanels</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Rates and send hours over</source>
        <translation>Quoten und Sendezeiten für</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Top reason</source>
        <translation>Wichtigster Grund</translation>
    </message>
    <message>
        <source>Double-click a lead to open it in Leads</source>
        <translation>Doppelklick öffnet den Lead unter Leads</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Reply rate</source>
        <translation>Antwortquote</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Response rates by channel</source>
        <translation>Antwortquoten nach Kanal</translation>
    </message>
    <message>
        <source>Handovers waiting</source>
        <translation>Wartende Übergaben</translation>
    </message>
    <message>
        <source>Best send hours (your time zone)</source>
        <translation>Beste Sendezeiten (Ihre Zeitzone)</translation>
    </message>
    <message>
        <source>Hottest leads</source>
        <translation>Heißeste Leads</translation>
    </message>
    <message>
        <source>Campaign leaderboard</source>
        <translation>Kampagnen-Rangliste</translation>
    </message>
    <message>
        <source>Intelligence</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Could not read the figures: %1</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1:00 (%2)</source>
        <translation>%1:00 (%2)</translation>
    </message>
    <message>
        <source>Best hours appear once messages have been sent</source>
        <translation>Die besten Stunden erscheinen, sobald Nachrichten gesendet wurden</translation>
    </message>
    <message>
        <source>Best: %1</source>
        <translation>Am besten: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>No leads yet — CRM webhooks, the API and new senders add them</source>
        <translation>Noch keine Leads – CRM-Webhooks, die API und neue Absender legen sie an</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message numerus="yes">
        <source>Nothing sent in the last %n days — replies within 72 h are counted here</source>
        <translation>
            <numerusform>Seit %n Tag nichts gesendet – Antworten innerhalb von 72 h werden hier gezählt</numerusform>
            <numerusform>Seit %n Tagen nichts gesendet – Antworten innerhalb von 72 h werden hier gezählt</numerusform>
        </translation>
    </message>
    <message>
        <source>None waiting</source>
        <translation>Keine wartet</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for a person</source>
        <translation>
            <numerusform>%n wartet auf einen Menschen</numerusform>
            <numerusform>%n warten auf einen Menschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Unterhaltung %1</translation>
    </message>
    <message>
        <source>Raised when a lead asks for a person</source>
        <translation>Entsteht, wenn ein Lead einen Menschen verlangt</translation>
    </message>
    <message>
        <source>Double-click to open %1 in Leads</source>
        <translation>Doppelklick öffnet %1 unter Leads</translation>
    </message>
    <message>
        <source>No scored leads yet — replies, opens and calls score them</source>
        <translation>Noch keine bewerteten Leads – Antworten, Öffnungen und Anrufe bewerten sie</translation>
    </message>
    <message numerus="yes">
        <source>No campaigns in the last %n days — create one in Campaigns</source>
        <translation>
            <numerusform>Keine Kampagnen seit %n Tag – legen Sie eine unter Kampagnen an</numerusform>
            <numerusform>Keine Kampagnen seit %n Tagen – legen Sie eine unter Kampagnen an</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::SendHoursChart</name>
    <message>
        <source>replied within 72 h</source>
        <translation>innerhalb von 72 h beantwortet</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message numerus="yes">
        <source>No messages sent in the last %n days — campaigns and replies from Conversations fill this chart</source>
        <translation>
            <numerusform>Seit %n Tag keine Nachrichten gesendet – Kampagnen und Antworten aus Unterhaltungen füllen dieses Diagramm</numerusform>
            <numerusform>Seit %n Tagen keine Nachrichten gesendet – Kampagnen und Antworten aus Unterhaltungen füllen dieses Diagramm</numerusform>
        </translation>
    </message>
    <message>
        <source>%1:00–%2:59: %3 sent, %4 replied (%5%)</source>
        <translation>%1:00–%2:59: %3 gesendet, %4 beantwortet (%5 %)</translation>
    </message>
</context>
<context>
    <name>sb::CampaignEditorDialog</name>
    <message>
        <source>Edit campaign</source>
        <translation>Kampagne bearbeiten</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Entwurf speichern</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>e.g. Spring offer</source>
        <translation>z. B. Frühjahrsangebot</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>through</source>
        <translation>über</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Hi {first_name|there}, …</source>
        <translation>Hallo {first_name|zusammen}, …</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Insert:</source>
        <translation>Einfügen:</translation>
    </message>
    <message>
        <source>Add a fallback after a bar for leads without a value: {first_name|there}</source>
        <translation>Ersatztext nach einem senkrechten Strich für Leads ohne Wert: {first_name|zusammen}</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> pro Minute</translation>
    </message>
    <message>
        <source>Throttle</source>
        <translation>Drosselung</translation>
    </message>
    <message>
        <source>When launched</source>
        <translation>Beim Start</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Am</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Created on or after</source>
        <translation>Erstellt am oder nach</translation>
    </message>
    <message>
        <source>Created before</source>
        <translation>Erstellt vor</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Has phone</source>
        <translation>Hat Telefon</translation>
    </message>
    <message>
        <source>Has email</source>
        <translation>Hat E-Mail</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message>
        <source>Leads the audience selects that have an address on the channel; do-not-contact leads are never sent to</source>
        <translation>Leads der Zielgruppe mit einer Adresse auf dem Kanal; an Leads mit Kontaktsperre wird nie gesendet</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>For lead</source>
        <translation>Für Lead</translation>
    </message>
    <message>
        <source>Rendered as the campaign sends it: a lead without a value gets the placeholder's fallback text.</source>
        <translation>So, wie die Kampagne sie sendet: Ein Lead ohne Wert erhält den Ersatztext des Platzhalters.</translation>
    </message>
    <message>
        <source>Default email service</source>
        <translation>Standard-E-Mail-Dienst</translation>
    </message>
    <message>
        <source>Default SMS service</source>
        <translation>Standard-SMS-Dienst</translation>
    </message>
    <message>
        <source>Unknown placeholder {%1} in the subject</source>
        <translation>Unbekannter Platzhalter {%1} im Betreff</translation>
    </message>
    <message>
        <source>Unknown placeholder {%1} in the body</source>
        <translation>Unbekannter Platzhalter {%1} im Text</translation>
    </message>
    <message>
        <source>Known placeholders: %1</source>
        <translation>Bekannte Platzhalter: %1</translation>
    </message>
    <message>
        <source>Could not count the audience: %1</source>
        <translation>Die Zielgruppe konnte nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No lead matches the audience</source>
        <translation>Kein Lead passt zur Zielgruppe</translation>
    </message>
    <message>
        <source>Write with AI…</source>
        <translation>Mit KI schreiben…</translation>
    </message>
    <message>
        <source>Subject and body variants from a brief, by the AI configured in Settings → AI</source>
        <translation>Betreff- und Textvarianten aus einem Briefing, von der unter Einstellungen → KI eingerichteten KI</translation>
    </message>
</context>
<context>
    <name>sb::CampaignLabels</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Skipped (do not contact)</source>
        <translation>Übersprungen (Kontaktsperre)</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Clicked</source>
        <translation>Geklickt</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>1 email</source>
        <translation>1 E-Mail</translation>
    </message>
    <message>
        <source>%1 emails</source>
        <translation>%1 E-Mails</translation>
    </message>
    <message>
        <source>1 SMS</source>
        <translation>1 SMS</translation>
    </message>
    <message>
        <source>%1 SMS</source>
        <translation>%1 SMS</translation>
    </message>
    <message>
        <source>1 lead</source>
        <translation>1 Lead</translation>
    </message>
    <message>
        <source>%1 leads</source>
        <translation>%1 Leads</translation>
    </message>
    <message>
        <source>%1 · %2 do-not-contact excluded</source>
        <translation>%1 · %2 mit Kontaktsperre ausgeschlossen</translation>
    </message>
    <message>
        <source>under a second</source>
        <translation>unter einer Sekunde</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>etwa %1 h %2 min</translation>
    </message>
    <message>
        <source>about %1 h</source>
        <translation>etwa %1 h</translation>
    </message>
    <message>
        <source>about %1 min %2 s</source>
        <translation>etwa %1 min %2 s</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>etwa %1 min</translation>
    </message>
    <message>
        <source>about %1 s</source>
        <translation>etwa %1 s</translation>
    </message>
    <message>
        <source>as fast as the provider accepts them</source>
        <translation>so schnell, wie der Anbieter sie annimmt</translation>
    </message>
</context>
<context>
    <name>sb::CampaignLaunchDialog</name>
    <message>
        <source>the default email service</source>
        <translation>den Standard-E-Mail-Dienst</translation>
    </message>
    <message>
        <source>the default SMS service</source>
        <translation>den Standard-SMS-Dienst</translation>
    </message>
    <message>
        <source>%1 through %2, no throttle: %3</source>
        <translation>%1 über %2, ungedrosselt: %3</translation>
    </message>
    <message>
        <source>%1 through %2 at %3/min: %4</source>
        <translation>%1 über %2 mit %3/min: %4</translation>
    </message>
    <message>
        <source>Launch “%1”</source>
        <translation>„%1“ starten</translation>
    </message>
    <message>
        <source>1 do-not-contact lead of the audience is excluded.</source>
        <translation>1 Lead der Zielgruppe mit Kontaktsperre ist ausgeschlossen.</translation>
    </message>
    <message>
        <source>%1 do-not-contact leads of the audience are excluded.</source>
        <translation>%1 Leads der Zielgruppe mit Kontaktsperre sind ausgeschlossen.</translation>
    </message>
    <message>
        <source>It is scheduled: sending starts at %1 (%2).</source>
        <translation>Sie ist geplant: Der Versand beginnt am %1 (%2).</translation>
    </message>
    <message>
        <source>Sending starts now. You can pause or cancel it at any time.</source>
        <translation>Der Versand beginnt sofort. Sie können ihn jederzeit pausieren oder abbrechen.</translation>
    </message>
    <message>
        <source>No lead matches the audience: there is nobody to send to.</source>
        <translation>Kein Lead passt zur Zielgruppe: Es gibt niemanden, an den gesendet werden kann.</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Starten</translation>
    </message>
</context>
<context>
    <name>sb::CampaignListModel</name>
    <message>
        <source>%1 leads match the audience now; %2 do-not-contact leads are excluded</source>
        <translation>%1 Leads passen jetzt zur Zielgruppe; %2 Leads mit Kontaktsperre sind ausgeschlossen</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>~%1</source>
        <translation>~%1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
</context>
<context>
    <name>sb::CampaignsView</name>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>Neue Kampagne …</translation>
    </message>
    <message>
        <source>No campaigns yet</source>
        <translation>Noch keine Kampagnen</translation>
    </message>
    <message>
        <source>A campaign sends one SMS or email template to the leads an audience selects, at the pace you choose. Create one, preview it for a lead, then launch it.</source>
        <translation>Eine Kampagne sendet eine SMS- oder E-Mail-Vorlage an die Leads einer Zielgruppe, in dem Tempo, das Sie wählen. Legen Sie eine an, sehen Sie sie für einen Lead in der Vorschau an und starten Sie sie.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Launch…</source>
        <translation>Starten …</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Kampagne abbrechen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Cancel “%1”? Recipients not sent to yet will not be.</source>
        <translation>„%1“ abbrechen? Empfänger, an die noch nicht gesendet wurde, erhalten nichts mehr.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Could not read the campaigns: %1</source>
        <translation>Die Kampagnen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No campaign selected</source>
        <translation>Keine Kampagne ausgewählt</translation>
    </message>
    <message>
        <source>%1 per minute</source>
        <translation>%1 pro Minute</translation>
    </message>
    <message>
        <source>no throttle</source>
        <translation>ungedrosselt</translation>
    </message>
    <message>
        <source>%1 of %2 recipients handled (%3 %)</source>
        <translation>%1 von %2 Empfängern bearbeitet (%3 %)</translation>
    </message>
    <message>
        <source>Not launched yet: the audience selects %1 leads now (%2 do-not-contact excluded).</source>
        <translation>Noch nicht gestartet: Die Zielgruppe umfasst jetzt %1 Leads (%2 mit Kontaktsperre ausgeschlossen).</translation>
    </message>
    <message>
        <source>No recipients.</source>
        <translation>Keine Empfänger.</translation>
    </message>
    <message>
        <source>Campaign saved.</source>
        <translation>Kampagne gespeichert.</translation>
    </message>
    <message>
        <source>Campaign launched.</source>
        <translation>Kampagne gestartet.</translation>
    </message>
    <message>
        <source>%1 — the campaign changed meanwhile; the list shows its state now.</source>
        <translation>%1 – die Kampagne wurde inzwischen geändert; die Liste zeigt ihren aktuellen Zustand.</translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation>Kampagne löschen</translation>
    </message>
    <message>
        <source>Delete “%1” and its recipients?</source>
        <translation>„%1“ und ihre Empfänger löschen?</translation>
    </message>
    <message>
        <source>Campaign deleted.</source>
        <translation>Kampagne gelöscht.</translation>
    </message>
</context>
<context>
    <name>sb::RecordingsPage</name>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep forever</source>
        <translation>Für immer behalten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Prune now</source>
        <translation>Jetzt bereinigen</translation>
    </message>
    <message>
        <source>Deletes the recordings older than the retention now</source>
        <translation>Löscht jetzt die Aufzeichnungen, die älter als die Aufbewahrungsdauer sind</translation>
    </message>
    <message>
        <source>Call recordings are downloaded when the provider reports them and kept in %1. Twilio credentials are only sent to the Twilio API host; a recording link anywhere else is refused.</source>
        <translation>Anrufaufzeichnungen werden heruntergeladen, sobald der Anbieter sie meldet, und in %1 aufbewahrt. Twilio-Zugangsdaten werden nur an den Twilio-API-Host gesendet; ein Aufzeichnungslink auf einem anderen Host wird abgelehnt.</translation>
    </message>
    <message>
        <source>Keep recordings for</source>
        <translation>Aufzeichnungen behalten für</translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation>Speicherbedarf</translation>
    </message>
    <message>
        <source>No recordings stored</source>
        <translation>Keine Aufzeichnungen gespeichert</translation>
    </message>
    <message>
        <source>1 recording, %1</source>
        <translation>1 Aufzeichnung, %1</translation>
    </message>
    <message>
        <source>%1 recordings, %2</source>
        <translation>%1 Aufzeichnungen, %2</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Recordings are kept forever: nothing to prune.</source>
        <translation>Aufzeichnungen werden für immer behalten: nichts zu bereinigen.</translation>
    </message>
    <message>
        <source>1 recording older than %1 days deleted.</source>
        <translation>1 Aufzeichnung älter als %1 Tage gelöscht.</translation>
    </message>
    <message>
        <source>%1 recordings older than %2 days deleted.</source>
        <translation>%1 Aufzeichnungen älter als %2 Tage gelöscht.</translation>
    </message>
</context>
<context>
    <name>sb::LeadTimelineTab</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>AI agent call</source>
        <translation>KI-Agent-Anruf</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Memos and activities</source>
        <translation>Notizen und Aktivitäten</translation>
    </message>
    <message>
        <source>Status changes</source>
        <translation>Statusänderungen</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Add task…</source>
        <translation>Aufgabe hinzufügen…</translation>
    </message>
    <message>
        <source>A follow-up task for this lead, with a due time and a reminder</source>
        <translation>Eine Folgeaufgabe für diesen Lead, mit Fälligkeit und Erinnerung</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Ältere anzeigen</translation>
    </message>
    <message>
        <source>Could not read the timeline: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Aufgabe erledigt</translation>
    </message>
    <message>
        <source>Task due %1</source>
        <translation>Aufgabe fällig %1</translation>
    </message>
    <message>
        <source>Nothing has happened with this lead yet.</source>
        <translation>Mit diesem Lead ist noch nichts geschehen.</translation>
    </message>
    <message>
        <source>Nothing of this kind yet.</source>
        <translation>Noch nichts dieser Art.</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>1 Stunde zurückstellen</translation>
    </message>
    <message>
        <source>Add follow-up task</source>
        <translation>Folgeaufgabe hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Send the quote</source>
        <translation>z. B. Angebot senden</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Add task</source>
        <translation>Aufgabe hinzufügen</translation>
    </message>
</context>
<context>
    <name>sb::CallsChart</name>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>Anrufe</translation>
    </message>
    <message numerus="yes">
        <source>No calls in the last %n days — outbound calls and provider call callbacks fill this chart</source>
        <translation>
            <numerusform>Keine Anrufe am letzten Tag — ausgehende Anrufe und die Anruf-Callbacks der Anbieter füllen dieses Diagramm</numerusform>
            <numerusform>Keine Anrufe in den letzten %n Tagen — ausgehende Anrufe und die Anruf-Callbacks der Anbieter füllen dieses Diagramm</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 calls, %3 answered, average %4</source>
        <translation>%1: %2 Anrufe, %3 beantwortet, Durchschnitt %4</translation>
    </message>
</context>
<context>
    <name>sb::DueTasksPanel</name>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Double-click a task to open its lead</source>
        <translation>Doppelklick auf eine Aufgabe öffnet ihren Lead</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Snooze 1 h</source>
        <translation>1 Std. zurückstellen</translation>
    </message>
    <message>
        <source>Tomorrow 9:00</source>
        <translation>Morgen 9:00</translation>
    </message>
    <message>
        <source>Snooze until 9:00 tomorrow</source>
        <translation>Bis morgen 9:00 zurückstellen</translation>
    </message>
    <message>
        <source>Due today / Overdue</source>
        <translation>Heute fällig / Überfällig</translation>
    </message>
    <message>
        <source>Could not read the tasks: %1</source>
        <translation>Die Aufgaben konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Overdue · %1</source>
        <translation>Überfällig · %1</translation>
    </message>
    <message>
        <source>No lead</source>
        <translation>Kein Lead</translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation>Heute ist nichts fällig</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n überfällig</numerusform>
            <numerusform>%n überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>%n heute fällig</numerusform>
            <numerusform>%n heute fällig</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::IntelligencePanels</name>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Calls per day (your time zone)</source>
        <translation>Anrufe pro Tag (Ihre Zeitzone)</translation>
    </message>
    <message>
        <source>Call outcomes and sentiment</source>
        <translation>Anrufergebnisse und Stimmung</translation>
    </message>
    <message>
        <source>No calls</source>
        <translation>Keine Anrufe</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 Anruf</translation>
    </message>
    <message numerus="yes">
        <source>%n calls</source>
        <translation>
            <numerusform>%n Anruf</numerusform>
            <numerusform>%n Anrufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answered</source>
        <translation>
            <numerusform>%n beantwortet</numerusform>
            <numerusform>%n beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>Ø %1</translation>
    </message>
    <message numerus="yes">
        <source>%n positive</source>
        <translation>
            <numerusform>%n positiv</numerusform>
            <numerusform>%n positiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n negative</source>
        <translation>
            <numerusform>%n negativ</numerusform>
            <numerusform>%n negativ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No calls in the last %n days</source>
        <translation>
            <numerusform>Keine Anrufe am letzten Tag</numerusform>
            <numerusform>Keine Anrufe in den letzten %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Outcomes and AI sentiment of calls appear here</source>
        <translation>Hier erscheinen die Ergebnisse und die KI-Stimmung der Anrufe</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Besetzt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Sentiment (AI analysis)</source>
        <translation>Stimmung (KI-Analyse)</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positiv</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativ</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Rates and send hours over</source>
        <translation>Quoten und Sendezeiten für</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Top reason</source>
        <translation>Wichtigster Grund</translation>
    </message>
    <message>
        <source>Double-click a lead to open it in Leads</source>
        <translation>Doppelklick öffnet den Lead unter Leads</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Reply rate</source>
        <translation>Antwortquote</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Response rates by channel</source>
        <translation>Antwortquoten nach Kanal</translation>
    </message>
    <message>
        <source>Handovers waiting</source>
        <translation>Wartende Übergaben</translation>
    </message>
    <message>
        <source>Best send hours (your time zone)</source>
        <translation>Beste Sendezeiten (Ihre Zeitzone)</translation>
    </message>
    <message>
        <source>Hottest leads</source>
        <translation>Heißeste Leads</translation>
    </message>
    <message>
        <source>Campaign leaderboard</source>
        <translation>Kampagnen-Rangliste</translation>
    </message>
    <message>
        <source>Intelligence</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Could not read the figures: %1</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1:00 (%2)</source>
        <translation>%1:00 (%2)</translation>
    </message>
    <message>
        <source>Best hours appear once messages have been sent</source>
        <translation>Die besten Stunden erscheinen, sobald Nachrichten gesendet wurden</translation>
    </message>
    <message>
        <source>Best: %1</source>
        <translation>Am besten: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>No leads yet — CRM webhooks, the API and new senders add them</source>
        <translation>Noch keine Leads – CRM-Webhooks, die API und neue Absender legen sie an</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message numerus="yes">
        <source>Nothing sent in the last %n days — replies within 72 h are counted here</source>
        <translation>
            <numerusform>Seit %n Tag nichts gesendet – Antworten innerhalb von 72 h werden hier gezählt</numerusform>
            <numerusform>Seit %n Tagen nichts gesendet – Antworten innerhalb von 72 h werden hier gezählt</numerusform>
        </translation>
    </message>
    <message>
        <source>None waiting</source>
        <translation>Keine wartet</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for a person</source>
        <translation>
            <numerusform>%n wartet auf einen Menschen</numerusform>
            <numerusform>%n warten auf einen Menschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Unterhaltung %1</translation>
    </message>
    <message>
        <source>Raised when a lead asks for a person</source>
        <translation>Entsteht, wenn ein Lead einen Menschen verlangt</translation>
    </message>
    <message>
        <source>Double-click to open %1 in Leads</source>
        <translation>Doppelklick öffnet %1 unter Leads</translation>
    </message>
    <message>
        <source>No scored leads yet — replies, opens and calls score them</source>
        <translation>Noch keine bewerteten Leads – Antworten, Öffnungen und Anrufe bewerten sie</translation>
    </message>
    <message numerus="yes">
        <source>No campaigns in the last %n days — create one in Campaigns</source>
        <translation>
            <numerusform>Keine Kampagnen seit %n Tag – legen Sie eine unter Kampagnen an</numerusform>
            <numerusform>Keine Kampagnen seit %n Tagen – legen Sie eine unter Kampagnen an</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sb::LeadTimelineTab</name>
    <message numerus="yes">
        <source>Calls of the last %n days (answered: picked up, or completed with a duration)</source>
        <translation>
            <numerusform>Anrufe des letzten Tages (beantwortet: angenommen oder mit einer Dauer beendet)</numerusform>
            <numerusform>Anrufe der letzten %n Tage (beantwortet: angenommen oder mit einer Dauer beendet)</numerusform>
        </translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>AI agent call</source>
        <translation>KI-Agent-Anruf</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Memos and activities</source>
        <translation>Notizen und Aktivitäten</translation>
    </message>
    <message>
        <source>Status changes</source>
        <translation>Statusänderungen</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Add task…</source>
        <translation>Aufgabe hinzufügen…</translation>
    </message>
    <message>
        <source>A follow-up task for this lead, with a due time and a reminder</source>
        <translation>Eine Folgeaufgabe für diesen Lead, mit Fälligkeit und Erinnerung</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Ältere anzeigen</translation>
    </message>
    <message>
        <source>Could not read the timeline: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Aufgabe erledigt</translation>
    </message>
    <message>
        <source>Task due %1</source>
        <translation>Aufgabe fällig %1</translation>
    </message>
    <message>
        <source>Nothing has happened with this lead yet.</source>
        <translation>Mit diesem Lead ist noch nichts geschehen.</translation>
    </message>
    <message>
        <source>Nothing of this kind yet.</source>
        <translation>Noch nichts dieser Art.</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>1 Stunde zurückstellen</translation>
    </message>
    <message>
        <source>Add follow-up task</source>
        <translation>Folgeaufgabe hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Send the quote</source>
        <translation>z. B. Angebot senden</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Add task</source>
        <translation>Aufgabe hinzufügen</translation>
    </message>
</context>
<context>
    <name>sb::MessageThreadView</name>
    <message>
        <source>Add task:</source>
        <translation>Als Aufgabe:</translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Keine Unterhaltung ausgewählt</translation>
    </message>
    <message>
        <source>Select a thread on the left to read it.</source>
        <translation>Wählen Sie links eine Unterhaltung, um sie zu lesen.</translation>
    </message>
    <message>
        <source>Lead #%1</source>
        <translation>Lead Nr. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n Anruf</numerusform>
            <numerusform>%n Anrufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the conversation: %1</source>
        <translation>Die Unterhaltung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Ausgehender Anruf</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Eingehender Anruf</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation>Aufnahme abspielen</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <source>Showing the latest %1 entries.</source>
        <translation>Die letzten %1 Einträge werden angezeigt.</translation>
    </message>
    <message>
        <source>No messages in this thread yet.</source>
        <translation>Noch keine Nachrichten in dieser Unterhaltung.</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>negativ</translation>
    </message>
    <message>
        <source>Sentiment: %1</source>
        <translation>Stimmung: %1</translation>
    </message>
    <message>
        <source>Action items: %1</source>
        <translation>Aufgaben: %1</translation>
    </message>
    <message>
        <source>Recording downloading…</source>
        <translation>Aufnahme wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Recording failed: %1</source>
        <translation>Aufnahme fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Recording refused: %1</source>
        <translation>Aufnahme abgelehnt: %1</translation>
    </message>
    <message>
        <source>Recording deleted by the retention setting</source>
        <translation>Aufnahme durch die Aufbewahrungsfrist gelöscht</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert…</translation>
    </message>
    <message>
        <source>Transcription failed: %1</source>
        <translation>Transkription fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>Weniger anzeigen</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alles anzeigen</translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation>Aufnahme speichern</translation>
    </message>
    <message>
        <source>Audio (*.%1)</source>
        <translation>Audio (*.%1)</translation>
    </message>
    <message>
        <source>Could not save the recording to %1.</source>
        <translation>Die Aufnahme konnte nicht unter %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>Wird angerufen…</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>Klingelt…</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>In progress %1</source>
        <translation>Läuft %1</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>besetzt</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Ended — %1</source>
        <translation>Beendet — %1</translation>
    </message>
    <message>
        <source>AI agent</source>
        <translation>KI-Agent</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>Ereignis %1</translation>
    </message>
    <message>
        <source>Silence · %1 s</source>
        <translation>Stille · %1 s</translation>
    </message>
</context>
</TS>
