"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 15:20:29.446737
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('branch',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('complaint_phone', sa.String(length=30), nullable=False),
    sa.Column('opening_hours', sa.String(length=100), nullable=False),
    sa.Column('landmarks', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('transit', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('trading_unit', sa.String(length=10), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branch')),
    sa.UniqueConstraint('code', name=op.f('uq_branch_code'))
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('msg_id', sa.Uuid(), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=True),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=1000), nullable=False),
    sa.Column('quarantined_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('msg_id', name=op.f('uq_outbox_msg_id'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_acked_at'), ['acked_at'], unique=False)

    op.create_table('questionnaire',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('definition', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire')),
    sa.UniqueConstraint('code', 'revision', name=op.f('uq_questionnaire_code_revision'))
    )
    op.create_table('sync_state',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state'))
    )
    op.create_table('campaign',
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('channels', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('rules', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('per_client_cap_fen', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_campaign_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign')),
    sa.UniqueConstraint('code', name=op.f('uq_campaign_code'))
    )
    op.create_table('counter',
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('service_lines', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('is_telesales', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_counter_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counter')),
    sa.UniqueConstraint('branch_id', 'number', name=op.f('uq_counter_branch_id_number'))
    )
    with op.batch_alter_table('counter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counter_branch_id'), ['branch_id'], unique=False)

    op.create_table('policy',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=True),
    sa.Column('value', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_policy_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy')),
    sa.UniqueConstraint('key', 'branch_id', name=op.f('uq_policy_key_branch_id'))
    )
    op.create_table('staff',
    sa.Column('staff_no', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=True),
    sa.Column('roles', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('licence_no', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_staff_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('staff_no', name=op.f('uq_staff_staff_no'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_branch_id'), ['branch_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('workstation_id', sa.Uuid(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=True),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_audit_event_branch_id_branch')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_audit_event_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_audit_event_branch_id_at', ['branch_id', 'at'], unique=False)

    op.create_table('client',
    sa.Column('client_no', sa.String(length=20), nullable=True),
    sa.Column('fund_account', sa.String(length=20), nullable=True),
    sa.Column('status', sa.Enum('prospect', 'active', 'closed', name='clientstatus', native_enum=False, length=24), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('pinyin_full', sa.String(length=200), nullable=False),
    sa.Column('pinyin_initials', sa.String(length=60), nullable=False),
    sa.Column('id_type', sa.Enum('00', '01', '04', '06', '0b', '0d', '0e', '0k', name='idtype', native_enum=False, length=24), nullable=False),
    sa.Column('id_number', sa.String(length=40), nullable=False),
    sa.Column('id_issuer', sa.String(length=100), nullable=False),
    sa.Column('id_valid_from', sa.Date(), nullable=True),
    sa.Column('id_valid_to', sa.Date(), nullable=True),
    sa.Column('id_long_term', sa.Boolean(), nullable=False),
    sa.Column('id_address', sa.String(length=300), nullable=False),
    sa.Column('sex', sa.Enum('M', 'F', name='sex', native_enum=False, length=24), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('nationality', sa.String(length=3), nullable=False),
    sa.Column('ethnicity', sa.String(length=20), nullable=False),
    sa.Column('mobile', sa.String(length=20), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('occupation', sa.String(length=4), nullable=False),
    sa.Column('occupation_text', sa.String(length=100), nullable=False),
    sa.Column('employer', sa.String(length=200), nullable=False),
    sa.Column('education', sa.String(length=2), nullable=False),
    sa.Column('tier', sa.Enum('standard', 'important', 'core', name='clienttier', native_enum=False, length=24), nullable=False),
    sa.Column('assets_fen', sa.BigInteger(), nullable=False),
    sa.Column('risk_class', sa.Enum('C1', 'C2', 'C3', 'C4', 'C5', name='riskclass', native_enum=False, length=24), nullable=True),
    sa.Column('risk_score', sa.Integer(), nullable=True),
    sa.Column('risk_assessed_on', sa.Date(), nullable=True),
    sa.Column('risk_valid_until', sa.Date(), nullable=True),
    sa.Column('lowest_category', sa.Boolean(), nullable=False),
    sa.Column('professional', sa.Boolean(), nullable=False),
    sa.Column('professional_valid_until', sa.Date(), nullable=True),
    sa.Column('aml_risk', sa.Enum('unrated', 'low', 'medium', 'high', name='amlrisk', native_enum=False, length=24), nullable=False),
    sa.Column('aml_reasons', sa.String(length=500), nullable=False),
    sa.Column('aml_rated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('integrity_flag', sa.Boolean(), nullable=False),
    sa.Column('csdc_account', sa.String(length=12), nullable=False),
    sa.Column('sh_account', sa.String(length=10), nullable=False),
    sa.Column('sz_account', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.Enum('walk_in', 'telesales', 'bank_outlet', 'referral', 'online', name='channel', native_enum=False, length=24), nullable=False),
    sa.Column('telesales_agent_id', sa.Uuid(), nullable=True),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_client_branch_id_branch')),
    sa.ForeignKeyConstraint(['telesales_agent_id'], ['staff.id'], name=op.f('fk_client_telesales_agent_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client')),
    sa.UniqueConstraint('client_no', name=op.f('uq_client_client_no')),
    sa.UniqueConstraint('fund_account', name=op.f('uq_client_fund_account')),
    sa.UniqueConstraint('id_type', 'id_number', name=op.f('uq_client_id_type_id_number'))
    )
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_client_mobile', ['mobile'], unique=False)
        batch_op.create_index('ix_client_name', ['name'], unique=False)
        batch_op.create_index('ix_client_pinyin_full', ['pinyin_full'], unique=False)
        batch_op.create_index('ix_client_pinyin_initials', ['pinyin_initials'], unique=False)

    op.create_table('competitor_offer',
    sa.Column('competitor', sa.String(length=100), nullable=False),
    sa.Column('offer', sa.String(length=500), nullable=False),
    sa.Column('retention_steps', sa.String(length=1000), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_competitor_offer_branch_id_branch')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_competitor_offer_updated_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competitor_offer'))
    )
    with op.batch_alter_table('competitor_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competitor_offer_branch_id'), ['branch_id'], unique=False)

    op.create_table('duty_shift',
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.Enum('regular', 'overtime', name='dutykind', native_enum=False, length=24), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('approved_by_id', sa.Uuid(), nullable=True),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff.id'], name=op.f('fk_duty_shift_approved_by_id_staff')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_duty_shift_branch_id_branch')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_duty_shift_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_shift'))
    )
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_shift_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_duty_shift_branch_id_starts_at', ['branch_id', 'starts_at'], unique=False)

    op.create_table('gift',
    sa.Column('campaign_id', sa.Uuid(), nullable=False),
    sa.Column('sku', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('spec', sa.String(length=100), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_gift_campaign_id_campaign')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift')),
    sa.UniqueConstraint('sku', name=op.f('uq_gift_sku'))
    )
    with op.batch_alter_table('gift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('workstation',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('hostname', sa.String(length=100), nullable=False),
    sa.Column('counter_id', sa.Uuid(), nullable=True),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_workstation_branch_id_branch')),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_workstation_counter_id_counter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workstation'))
    )
    with op.batch_alter_table('workstation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workstation_branch_id'), ['branch_id'], unique=False)

    op.create_table('appointment',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('external_ref', sa.String(length=64), nullable=True),
    sa.Column('client_id', sa.Uuid(), nullable=True),
    sa.Column('client_name', sa.String(length=60), nullable=False),
    sa.Column('pinyin_full', sa.String(length=200), nullable=False),
    sa.Column('pinyin_initials', sa.String(length=60), nullable=False),
    sa.Column('mobile', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.Enum('new_account', 'transfer_in', 'other', name='purpose', native_enum=False, length=24), nullable=False),
    sa.Column('slot_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('slot_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('campaign_id', sa.Uuid(), nullable=True),
    sa.Column('telesales_agent_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.Enum('booked', 'checked_in', 'served', 'no_show', 'cancelled', name='appointmentstatus', native_enum=False, length=24), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_clock', sa.String(length=40), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.Column('prefill', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_appointment_branch_id_branch')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_appointment_campaign_id_campaign')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_appointment_client_id_client')),
    sa.ForeignKeyConstraint(['telesales_agent_id'], ['staff.id'], name=op.f('fk_appointment_telesales_agent_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment')),
    sa.UniqueConstraint('code', name=op.f('uq_appointment_code')),
    sa.UniqueConstraint('external_ref', name=op.f('uq_appointment_external_ref'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_appointment_branch_id_slot_start', ['branch_id', 'slot_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_appointment_mobile', ['mobile'], unique=False)
        batch_op.create_index('ix_appointment_pinyin_initials', ['pinyin_initials'], unique=False)

    op.create_table('visit',
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('service_line', sa.Enum('A', 'B', 'C', 'T', name='serviceline', native_enum=False, length=24), nullable=False),
    sa.Column('ticket_no', sa.Integer(), nullable=False),
    sa.Column('ticket_label', sa.String(length=8), nullable=False),
    sa.Column('appointment_id', sa.Uuid(), nullable=True),
    sa.Column('client_id', sa.Uuid(), nullable=True),
    sa.Column('client_name', sa.String(length=60), nullable=False),
    sa.Column('mobile', sa.String(length=20), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'called', 'serving', 'done', 'no_show', name='visitstatus', native_enum=False, length=24), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('counter_id', sa.Uuid(), nullable=True),
    sa.Column('served_by_id', sa.Uuid(), nullable=True),
    sa.Column('issued_by_id', sa.Uuid(), nullable=True),
    sa.Column('outcome', sa.Enum('account_opened', 'transfer_submitted', 'consultation', 'left', 'referred', name='visitoutcome', native_enum=False, length=24), nullable=True),
    sa.Column('punctuality', sa.String(length=10), nullable=False),
    sa.Column('call_count', sa.Integer(), nullable=False),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_visit_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_visit_branch_id_branch')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_visit_client_id_client')),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_visit_counter_id_counter')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['staff.id'], name=op.f('fk_visit_issued_by_id_staff')),
    sa.ForeignKeyConstraint(['served_by_id'], ['staff.id'], name=op.f('fk_visit_served_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit')),
    sa.UniqueConstraint('appointment_id', name=op.f('uq_visit_appointment_id')),
    sa.UniqueConstraint('branch_id', 'business_date', 'service_line', 'ticket_no', name=op.f('uq_visit_branch_id_business_date_service_line_ticket_no'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_visit_branch_id_business_date_status', ['branch_id', 'business_date', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_client_id'), ['client_id'], unique=False)

    op.create_table('account_application',
    sa.Column('kind', sa.Enum('new_account', 'transfer_in', name='applicationkind', native_enum=False, length=24), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'returned', 'approved', 'cancelled', name='applicationstatus', native_enum=False, length=24), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=True),
    sa.Column('visit_id', sa.Uuid(), nullable=True),
    sa.Column('appointment_id', sa.Uuid(), nullable=True),
    sa.Column('current_step', sa.String(length=40), nullable=False),
    sa.Column('step_data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('questionnaire_id', sa.Uuid(), nullable=True),
    sa.Column('commission_ppm', sa.Integer(), nullable=True),
    sa.Column('commission_approved_by_id', sa.Uuid(), nullable=True),
    sa.Column('dual_recording_ref', sa.String(length=60), nullable=False),
    sa.Column('clerk_id', sa.Uuid(), nullable=False),
    sa.Column('reviewer_id', sa.Uuid(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.String(length=1000), nullable=False),
    sa.Column('previous_broker', sa.String(length=100), nullable=False),
    sa.Column('retention_notes', sa.String(length=1000), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_account_application_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_account_application_branch_id_branch')),
    sa.ForeignKeyConstraint(['clerk_id'], ['staff.id'], name=op.f('fk_account_application_clerk_id_staff')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_account_application_client_id_client')),
    sa.ForeignKeyConstraint(['commission_approved_by_id'], ['staff.id'], name=op.f('fk_account_application_commission_approved_by_id_staff')),
    sa.ForeignKeyConstraint(['questionnaire_id'], ['questionnaire.id'], name=op.f('fk_account_application_questionnaire_id_questionnaire')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['staff.id'], name=op.f('fk_account_application_reviewer_id_staff')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_account_application_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_application'))
    )
    with op.batch_alter_table('account_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_application_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_account_application_branch_id_status', ['branch_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_application_client_id'), ['client_id'], unique=False)

    op.create_table('gift_issue',
    sa.Column('campaign_id', sa.Uuid(), nullable=False),
    sa.Column('gift_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('awaiting_signature', 'signed', 'voided', name='giftissuestatus', native_enum=False, length=24), nullable=False),
    sa.Column('issued_by_id', sa.Uuid(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('telesales_agent_id', sa.Uuid(), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voided_by_id', sa.Uuid(), nullable=True),
    sa.Column('void_reason', sa.String(length=300), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_gift_issue_branch_id_branch')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_gift_issue_campaign_id_campaign')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_gift_issue_client_id_client')),
    sa.ForeignKeyConstraint(['gift_id'], ['gift.id'], name=op.f('fk_gift_issue_gift_id_gift')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['staff.id'], name=op.f('fk_gift_issue_issued_by_id_staff')),
    sa.ForeignKeyConstraint(['telesales_agent_id'], ['staff.id'], name=op.f('fk_gift_issue_telesales_agent_id_staff')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_gift_issue_visit_id_visit')),
    sa.ForeignKeyConstraint(['voided_by_id'], ['staff.id'], name=op.f('fk_gift_issue_voided_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_issue'))
    )
    with op.batch_alter_table('gift_issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_issue_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gift_issue_client_id'), ['client_id'], unique=False)
        batch_op.create_index('uq_gift_issue_one_per_client_campaign', ['campaign_id', 'client_id'], unique=True, sqlite_where=sa.text("status != 'voided'"), postgresql_where=sa.text("status != 'voided'"))

    op.create_table('gift_stock_movement',
    sa.Column('gift_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.Enum('receipt', 'allocation', 'reserve', 'reserve_release', 'issue', 'void', 'adjustment', name='stockmovementkind', native_enum=False, length=24), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('workstation_id', sa.Uuid(), nullable=True),
    sa.Column('gift_issue_id', sa.Uuid(), nullable=True),
    sa.Column('staff_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_gift_stock_movement_branch_id_branch')),
    sa.ForeignKeyConstraint(['gift_id'], ['gift.id'], name=op.f('fk_gift_stock_movement_gift_id_gift')),
    sa.ForeignKeyConstraint(['gift_issue_id'], ['gift_issue.id'], name=op.f('fk_gift_stock_movement_gift_issue_id_gift_issue')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_gift_stock_movement_staff_id_staff')),
    sa.ForeignKeyConstraint(['workstation_id'], ['workstation.id'], name=op.f('fk_gift_stock_movement_workstation_id_workstation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_stock_movement'))
    )
    with op.batch_alter_table('gift_stock_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_stock_movement_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_gift_stock_movement_branch_id_gift_id', ['branch_id', 'gift_id'], unique=False)

    op.create_table('printed_document',
    sa.Column('doc_no', sa.String(length=40), nullable=False),
    sa.Column('form_code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=True),
    sa.Column('application_id', sa.Uuid(), nullable=True),
    sa.Column('visit_id', sa.Uuid(), nullable=True),
    sa.Column('gift_issue_id', sa.Uuid(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('paper_status', sa.Enum('not_required', 'printed', 'signed', 'scanned', 'sent', 'archived', name='paperstatus', native_enum=False, length=24), nullable=False),
    sa.Column('paper_status_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('reviewer_id', sa.Uuid(), nullable=True),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['account_application.id'], name=op.f('fk_printed_document_application_id_account_application')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_printed_document_branch_id_branch')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_printed_document_client_id_client')),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_printed_document_created_by_id_staff')),
    sa.ForeignKeyConstraint(['gift_issue_id'], ['gift_issue.id'], name=op.f('fk_printed_document_gift_issue_id_gift_issue')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['staff.id'], name=op.f('fk_printed_document_reviewer_id_staff')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_printed_document_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_printed_document')),
    sa.UniqueConstraint('doc_no', name=op.f('uq_printed_document_doc_no'))
    )
    with op.batch_alter_table('printed_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_printed_document_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_printed_document_branch_id_paper_status', ['branch_id', 'paper_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_printed_document_client_id'), ['client_id'], unique=False)

    op.create_table('transfer_step',
    sa.Column('application_id', sa.Uuid(), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('at_old_broker', sa.Boolean(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'in_progress', 'done', 'failed', name='stepstatus', native_enum=False, length=24), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['account_application.id'], name=op.f('fk_transfer_step_application_id_account_application')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_transfer_step_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_step')),
    sa.UniqueConstraint('application_id', 'step', name=op.f('uq_transfer_step_application_id_step'))
    )
    with op.batch_alter_table('transfer_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_step_branch_id'), ['branch_id'], unique=False)

    op.create_table('print_job',
    sa.Column('document_id', sa.Uuid(), nullable=False),
    sa.Column('printer', sa.String(length=120), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('is_reprint', sa.Boolean(), nullable=False),
    sa.Column('printed_by_id', sa.Uuid(), nullable=False),
    sa.Column('printed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('job_ref', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('branch_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_print_job_branch_id_branch')),
    sa.ForeignKeyConstraint(['document_id'], ['printed_document.id'], name=op.f('fk_print_job_document_id_printed_document')),
    sa.ForeignKeyConstraint(['printed_by_id'], ['staff.id'], name=op.f('fk_print_job_printed_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_job'))
    )
    with op.batch_alter_table('print_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_job_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_job_document_id'), ['document_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('print_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_job_document_id'))
        batch_op.drop_index(batch_op.f('ix_print_job_branch_id'))

    op.drop_table('print_job')
    with op.batch_alter_table('transfer_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_step_branch_id'))

    op.drop_table('transfer_step')
    with op.batch_alter_table('printed_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_printed_document_client_id'))
        batch_op.drop_index('ix_printed_document_branch_id_paper_status')
        batch_op.drop_index(batch_op.f('ix_printed_document_branch_id'))

    op.drop_table('printed_document')
    with op.batch_alter_table('gift_stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_gift_stock_movement_branch_id_gift_id')
        batch_op.drop_index(batch_op.f('ix_gift_stock_movement_branch_id'))

    op.drop_table('gift_stock_movement')
    with op.batch_alter_table('gift_issue', schema=None) as batch_op:
        batch_op.drop_index('uq_gift_issue_one_per_client_campaign', sqlite_where=sa.text("status != 'voided'"), postgresql_where=sa.text("status != 'voided'"))
        batch_op.drop_index(batch_op.f('ix_gift_issue_client_id'))
        batch_op.drop_index(batch_op.f('ix_gift_issue_branch_id'))

    op.drop_table('gift_issue')
    with op.batch_alter_table('account_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_application_client_id'))
        batch_op.drop_index('ix_account_application_branch_id_status')
        batch_op.drop_index(batch_op.f('ix_account_application_branch_id'))

    op.drop_table('account_application')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_client_id'))
        batch_op.drop_index('ix_visit_branch_id_business_date_status')
        batch_op.drop_index(batch_op.f('ix_visit_branch_id'))

    op.drop_table('visit')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_pinyin_initials')
        batch_op.drop_index('ix_appointment_mobile')
        batch_op.drop_index(batch_op.f('ix_appointment_client_id'))
        batch_op.drop_index('ix_appointment_branch_id_slot_start')
        batch_op.drop_index(batch_op.f('ix_appointment_branch_id'))

    op.drop_table('appointment')
    with op.batch_alter_table('workstation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workstation_branch_id'))

    op.drop_table('workstation')
    with op.batch_alter_table('gift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_campaign_id'))

    op.drop_table('gift')
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.drop_index('ix_duty_shift_branch_id_starts_at')
        batch_op.drop_index(batch_op.f('ix_duty_shift_branch_id'))

    op.drop_table('duty_shift')
    with op.batch_alter_table('competitor_offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competitor_offer_branch_id'))

    op.drop_table('competitor_offer')
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_index('ix_client_pinyin_initials')
        batch_op.drop_index('ix_client_pinyin_full')
        batch_op.drop_index('ix_client_name')
        batch_op.drop_index('ix_client_mobile')
        batch_op.drop_index(batch_op.f('ix_client_branch_id'))

    op.drop_table('client')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_branch_id_at')
        batch_op.drop_index(batch_op.f('ix_audit_event_branch_id'))

    op.drop_table('audit_event')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_branch_id'))

    op.drop_table('staff')
    op.drop_table('policy')
    with op.batch_alter_table('counter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counter_branch_id'))

    op.drop_table('counter')
    op.drop_table('campaign')
    op.drop_table('sync_state')
    op.drop_table('questionnaire')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_acked_at'))

    op.drop_table('outbox')
    op.drop_table('branch')

