# --8<-- [start:install]
mkdir -p ~/.claude/skills
unzip -o inngest-workflow-skill.zip -d ~/.claude/skills
ls ~/.claude/skills/inngest-workflow   # SKILL.md and the inngest-*.md reference files
# --8<-- [end:install]

# --8<-- [start:build]
make skill
# --8<-- [end:build]
