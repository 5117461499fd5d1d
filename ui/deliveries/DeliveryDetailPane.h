#pragma once

#include "storage/DeliveryRepository.h"

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace sb {

class Clock;

// Everything stored about one delivery or one send (an id "snd_<outbox id>"): where it went, every attempt
// with the request it sent and the answer it got (headers, bodies pretty-printed), latency and error; Retry
// and Copy as curl.
class DeliveryDetailPane : public QWidget
{
    Q_OBJECT
public:
    DeliveryDetailPane(QSqlDatabase db, const Clock &clock, QWidget *parent = nullptr);

    // Reads the delivery and its attempts by id; an empty id clears the pane.
    void load(const QString &id);
    void reload() { load(m_id); }
    QString deliveryId() const { return m_id; }
    int attemptCount() const { return int(m_attempts.size()); }
    // The command Copy as curl puts on the clipboard for the selected attempt.
    QString curlCommand() const;
    void setRetryEnabled(bool enabled);

Q_SIGNALS:
    void retryRequested(const QString &id);

private:
    void showPlaceholder(const QString &text);
    void showAttempt(int index);
    // A send ("snd_<outbox id>"): its outgoing message and every attempt as stored.
    void loadSend(qint64 outboxId, bool sameRecord, int shownAttempt);
    void fillAttempts(bool sameRecord, int shownAttempt);
    QWidget *buildSummaryTab();
    QWidget *buildExchangeTab(
        QLabel **line, QTableWidget **headers, QLabel **caption, QPlainTextEdit **body, const QString &name);

    QSqlDatabase m_db;
    const Clock &m_clock;
    QString m_id;
    Delivery m_delivery;
    QString m_configUrl;
    QList<DeliveryAttempt> m_attempts;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_statusChip;
    QLabel *m_subtitle;
    QPushButton *m_retry;
    QPushButton *m_copyCurl;
    QTabWidget *m_tabs;
    QLabel *m_summary;
    QTableWidget *m_attemptTable;
    QLabel *m_requestLine;
    QTableWidget *m_requestHeaders;
    QLabel *m_requestCaption;
    QPlainTextEdit *m_requestBody;
    QLabel *m_responseLine;
    QTableWidget *m_responseHeaders;
    QLabel *m_responseCaption;
    QPlainTextEdit *m_responseBody;
};

} // namespace sb
