#include "SendTestWebhookDialog.h"

#include "common/DetailWidgets.h"
#include "common/PayloadText.h"
#include "inspector/InboundRequestModel.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QUrl>
#include <QVBoxLayout>

namespace sb {

namespace {

constexpr int replyTimeoutMs = 15000;

} // namespace

SendTestWebhookDialog::SendTestWebhookDialog(Runtime &runtime, QWidget *parent)
    : QDialog(parent)
    , m_runtime(runtime)
    , m_network(new QNetworkAccessManager(this))
{
    setWindowTitle(tr("Send test webhook"));
    setObjectName(QStringLiteral("sendTestWebhookDialog"));
    auto *intro = new QLabel(
        tr("Sends a realistic provider callback, signed with the secret configured here, to this "
           "console's own server. It is verified, recorded and applied like a real one: watch it "
           "arrive in Inbound requests, Conversations and Leads."),
        this);
    intro->setWordWrap(true);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("sampleKind"));
    m_kind->addItem(tr("Twilio — incoming SMS"), int(SampleCallback::Kind::TwilioSms));
    m_kind->addItem(tr("Mailgun — inbound email"), int(SampleCallback::Kind::MailgunEmail));
    m_kind->addItem(tr("ElevenLabs — post-call transcript"), int(SampleCallback::Kind::ElevenLabsPostCall));
    m_from = new QLineEdit(this);
    m_from->setObjectName(QStringLiteral("sampleFrom"));
    m_fromLabel = new QLabel(this);
    m_subject = new QLineEdit(this);
    m_subject->setObjectName(QStringLiteral("sampleSubject"));
    m_subject->setPlaceholderText(SampleCallback::defaultSubject());
    m_subjectLabel = new QLabel(tr("Subject:"), this);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("sampleText"));
    m_text->setTabChangesFocus(true);
    m_text->setMaximumHeight(m_text->fontMetrics().lineSpacing() * 4 + 12);
    m_signing = new QLabel(this);
    m_signing->setObjectName(QStringLiteral("sampleSigning"));
    m_signing->setWordWrap(true);
    m_testSecret = new QPushButton(tr("Use a test secret for this session"), this);
    m_testSecret->setObjectName(QStringLiteral("sampleTestSecret"));
    m_testSecret->setToolTip(
        tr("Sets a generated value in memory only, so the sample verifies without a provider "
           "account. It is not saved and is gone after a restart; real callbacks need the "
           "provider's secret under Settings → Provider secrets."));
    connect(m_testSecret, &QPushButton::clicked, this, &SendTestWebhookDialog::useTestSecret);
    m_target = detail::selectableLabel(this);
    m_target->setObjectName(QStringLiteral("sampleTarget"));
    m_target->setForegroundRole(QPalette::PlaceholderText);
    m_target->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Provider:"), m_kind);
    form->addRow(m_fromLabel, m_from);
    form->addRow(m_subjectLabel, m_subject);
    form->addRow(tr("Message:"), m_text);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("sampleResult"));
    m_result->setTextFormat(Qt::RichText);
    m_recorded = new QLabel(this);
    m_recorded->setObjectName(QStringLiteral("sampleRecorded"));
    m_recorded->setWordWrap(true);
    m_response = detail::monospaceText(this, QStringLiteral("sampleResponse"));
    m_response->setPlaceholderText(tr("The server's answer appears here."));
    m_response->setMinimumHeight(90);

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sampleSend"));
    m_send->setDefault(true);
    m_showRequest = buttons->addButton(tr("Show request"), QDialogButtonBox::ActionRole);
    m_showRequest->setObjectName(QStringLiteral("sampleShowRequest"));
    m_showRequest->setToolTip(tr("Open the recorded request in Inbound requests"));
    m_showRequest->setEnabled(false);
    m_showConversation = buttons->addButton(tr("Show conversations"), QDialogButtonBox::ActionRole);
    m_showConversation->setObjectName(QStringLiteral("sampleShowConversations"));
    m_showConversation->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close);
    // Send must not close the dialog: the answer is shown in place.
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_send, &QPushButton::clicked, this, &SendTestWebhookDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_showRequest, &QPushButton::clicked, this, [this] {
        Q_EMIT openInboundRequest(m_recordId);
        accept();
    });
    connect(m_showConversation, &QPushButton::clicked, this, [this] {
        Q_EMIT openConversations();
        accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_signing);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_testSecret);
    secretRow->addStretch(1);
    layout->addLayout(secretRow);
    layout->addWidget(m_target);
    layout->addSpacing(6);
    layout->addWidget(m_result);
    layout->addWidget(m_recorded);
    layout->addWidget(m_response, 1);
    layout->addWidget(buttons);
    resize(620, 560);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        // The answer shown belongs to the other provider's sample.
        m_sentPath.clear();
        m_recordId.clear();
        m_result->clear();
        m_recorded->clear();
        m_response->clear();
        m_showRequest->setEnabled(false);
        m_showConversation->setEnabled(false);
        updateForm();
    });
    connect(&m_runtime.bus(), &EventBus::inboundRecorded, this, &SendTestWebhookDialog::onInboundRecorded);
    updateForm();
}

void SendTestWebhookDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        updateForm();
}

QString SendTestWebhookDialog::targetBase(const QString &listenUrl)
{
    QUrl url(listenUrl);
    const QHostAddress host(url.host());
    if (host == QHostAddress::AnyIPv4 || host == QHostAddress(QHostAddress::Any))
        url.setHost(QStringLiteral("127.0.0.1"));
    else if (host == QHostAddress::AnyIPv6)
        url.setHost(QStringLiteral("::1"));
    return url.toString(QUrl::StripTrailingSlash);
}

void SendTestWebhookDialog::useTestSecret()
{
    const auto name = SampleCallback::secretNames(kind()).constLast(); // the provider-wide one
    QByteArray bytes(24, Qt::Uninitialized);
    for (auto &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    m_runtime.secrets().set(name, QStringLiteral("test_") + QString::fromLatin1(bytes.toHex()));
    updateForm();
}

SampleCallback::Kind SendTestWebhookDialog::kind() const
{
    return SampleCallback::Kind(m_kind->currentData().toInt());
}

void SendTestWebhookDialog::updateForm()
{
    const auto current = kind();
    const bool email = current == SampleCallback::Kind::MailgunEmail;
    m_fromLabel->setText(email ? tr("From address:") : tr("From number:"));
    m_from->setPlaceholderText(SampleCallback::defaultFrom(current));
    m_subject->setVisible(email);
    m_subjectLabel->setVisible(email);
    // The placeholders are what is sent when a field is left empty.
    m_text->setPlaceholderText(SampleCallback::defaultText(current));

    const auto names = SampleCallback::secretNames(current);
    QString secretName;
    for (const auto &name : names) {
        if (m_runtime.secrets().has(name)) {
            secretName = name;
            break;
        }
    }
    const auto path = SampleCallback::build(current, {}, QString(), m_runtime.secrets(), 0).path;
    m_testSecret->setVisible(secretName.isEmpty());
    if (!secretName.isEmpty()) {
        m_signing->setText(tr("✔ Signed with %1, as the provider signs it.").arg(secretName));
        m_signing->setStyleSheet(QString());
    } else if (m_runtime.secrets().acceptsUnverified(path.section(QLatin1Char('/'), 3, 3))) {
        m_signing->setText(
            tr("%1 is not set: the request goes out unsigned, and this server accepts it unverified "
               "(--accept-unverified).")
                .arg(names.first()));
        m_signing->setStyleSheet(QString());
    } else {
        m_signing->setText(tr(
            "⚠ %1 is not set: the request goes out unsigned and the server refuses it (401, recorded "
            "as \"no secret configured\"). Set the secret in Settings → Provider secrets, then use Replay in "
            "Inbound requests to run the recorded request again.")
                               .arg(names.first()));
        m_signing->setStyleSheet(QStringLiteral("QLabel { color: #b7791f; }"));
    }
    const auto base = targetBase(m_runtime.listenUrl());
    const auto publicUrl = m_runtime.options().publicUrl;
    m_target->setText(publicUrl.isEmpty()
            ? tr("POST %1%2").arg(base, path)
            : tr("POST %1%2 — signed for %3%2, the public URL").arg(base, path, publicUrl));
}

void SendTestWebhookDialog::send()
{
    if (m_reply)
        return;
    updateForm(); // the secret and URL lines say what this request will be
    const auto base = targetBase(m_runtime.listenUrl());
    const auto publicUrl = m_runtime.options().publicUrl;
    SampleCallback::Input input;
    input.from = m_from->text();
    input.subject = m_subject->text();
    input.text = m_text->toPlainText();
    const auto sample = SampleCallback::build(kind(), input, publicUrl.isEmpty() ? base : publicUrl,
        m_runtime.secrets(), QDateTime::currentMSecsSinceEpoch());
    QNetworkRequest request(QUrl(base + sample.path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, sample.contentType);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Switchboard-Simulator/1.0"));
    for (const auto &[name, value] : sample.headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(replyTimeoutMs);

    m_recordId.clear();
    m_recordedStatus.clear();
    m_showRequest->setEnabled(false);
    m_showConversation->setEnabled(false);
    m_result->setText(tr("Sending…"));
    m_recorded->clear();
    m_response->clear();
    m_send->setEnabled(false);
    m_kind->setEnabled(false);
    m_sentPath = sample.path;
    m_sentAtMs = QDateTime::currentMSecsSinceEpoch();
    m_elapsed.start();
    m_reply = m_network->post(request, sample.body);
    connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply.data()] { onReply(reply); });
}

void SendTestWebhookDialog::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    m_reply.clear();
    const auto ms = m_elapsed.elapsed();
    m_send->setEnabled(true);
    m_kind->setEnabled(true);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto body = reply->readAll();
    if (status == 0) {
        m_result->setText(
            tr("<b style='color:#d93f3f'>No answer</b> — %1").arg(reply->errorString().toHtmlEscaped()));
    } else {
        const bool ok = status >= 200 && status < 300;
        m_result->setText(tr("<b style='color:%1'>HTTP %2</b> in %3 ms")
                              .arg(ok ? QStringLiteral("#2f9e44") : QStringLiteral("#d93f3f"))
                              .arg(status)
                              .arg(ms));
        m_showConversation->setEnabled(ok);
    }
    const auto text
        = PayloadText::render(body, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
    m_response->setPlainText(text.text);
    showRecord();
    Q_EMIT finished();
}

void SendTestWebhookDialog::onInboundRecorded(const QList<InboundSummary> &requests)
{
    if (m_sentPath.isEmpty() || !m_recordId.isEmpty())
        return;
    for (const auto &request : requests) {
        // The first request on the sample's path since it was sent: this dialog's own.
        if (request.path == m_sentPath && request.receivedAtMs >= m_sentAtMs - 1000) {
            m_recordId = request.id;
            m_recordedStatus = request.status;
            m_recordedVerification = request.verification;
            break;
        }
    }
    showRecord();
}

void SendTestWebhookDialog::showRecord()
{
    // The answer and the bus event come in either order: shown once both are known.
    if (m_recordId.isEmpty() || m_reply)
        return;
    m_recorded->setText(tr("Recorded as %1 (%2) — %3")
                            .arg(InboundRequestModel::statusLabel(m_recordedStatus),
                                InboundRequestModel::verificationLabel(m_recordedVerification), m_recordId));
    m_showRequest->setEnabled(true);
}

} // namespace sb
