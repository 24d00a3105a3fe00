# --8<-- [start:skills-cli]
npx skills add inngest-fastapi-docs/inngest-fastapi-docs --skill inngest-workflow
# --8<-- [end:skills-cli]

# --8<-- [start:zip]
SKILLS_DIR=~/.claude/skills   # your agent's folder, from the table
mkdir -p "$SKILLS_DIR"
python3 -m zipfile -e inngest-workflow-skill.zip "$SKILLS_DIR"
ls "$SKILLS_DIR/inngest-workflow"   # SKILL.md  assets  references
# --8<-- [end:zip]

# --8<-- [start:clone]
mkdir -p ~/.claude/skills
cp -R skills/inngest-workflow ~/.claude/skills/
# --8<-- [end:clone]

# --8<-- [start:validate]
.venv/bin/agentskills validate skills/inngest-workflow
# --8<-- [end:validate]

# --8<-- [start:build]
make skill
# --8<-- [end:build]
