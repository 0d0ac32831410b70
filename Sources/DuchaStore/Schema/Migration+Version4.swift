extension Migration {
    /// Schema v4: the names people look things up by are indexed. A query that names an
    /// operator, an item, a catalog entry, a workflow or one of its steps
    /// (`steps | where operator = "周斌飞"`) finds it through the index, and so does the
    /// check that the name is stored at all (which offers "did you mean" when it is not);
    /// before, each read the whole table. Indexes only: a read-only open takes a v3
    /// database as it is.
    static let version4 = Migration(version: 4, name: "name indexes", sql: """
    CREATE INDEX operators_name ON operators(name);
    CREATE INDEX items_name ON items(name);
    CREATE INDEX catalog_name ON catalog(name);
    CREATE INDEX workflows_name ON workflows(name);
    CREATE INDEX workflow_steps_name ON workflow_steps(name);
    """, speedOnly: true)
}
